# Float formatting with every type code: valid ones format, others raise ValueError
# (a fuzzer once found '{:c}' reaching the C library's printf with a double).
for code in "eEfFgG%n":
    print(code, "{:{}}".format(1.5, code), "{:.3{}}".format(-12345.678, code))
for code in "cdbxXos":
    try:
        "{:{}}".format(1.5, code)
        print(code, "formatted")
    except ValueError:
        print(code, "ValueError")
