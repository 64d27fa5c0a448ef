# f-string fields: self-documenting {x=}, conversions, specs, strings inside fields.
x, y = 1, 2
name = "ab"
print(f"{x=}")
print(f"{x = }")
print(f"{x=:08x}")
print(f"{x=!s}")
print(f"{name=}")
print(f"{name=!s:>5}")
print(f"{name=:>5}")
print(f"a {x=} b {y} c")
print(f"{x+y=}")
print(f"{x == y=}")
print(f"{x != y=}")
print(f"{1,=}")
print(f"{x,y,=}")
print(f"{x,1=}")

# Strings with braces and the other quote inside fields.
print(f"{'{'}{'}'}")
print(f"{'a' + '}' + 'b'}")
print(f'{"{x}"}')
print(f"{ {'k': 1}['k'] }")
print(f"{[x for x in (1, 2)]}")
print(f"{'a' if x != y else 'b'!r:>5}")
print(f"""{'''q'''}""")

# Nested fields in the spec.
w = 7
print(f"{name:>{w}}|{3.14159:{w}.{x + 1}f}")
print(f"{name!r:{'^'}{w}}")

# Invalid conversions and malformed fields are errors at compile time.
for src in ['f"{x!z}"', 'f"{x!}"', 'f"{}"', 'f"{x"', 'f"}"', 'f"{x:{y}"']:
    try:
        eval(src)
        print("no error", src)
    except SyntaxError:
        print("SyntaxError", src)
