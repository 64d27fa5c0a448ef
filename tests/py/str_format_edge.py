print("{:}".format(5), "{!r:>6}".format("x"), "{0:{1}}".format(3, 4), "{:.0f}".format(2.5), "{:.0f}".format(3.5))
print("{:>+8.2f}".format(3.14159), "{:^+9d}".format(42), "{:e}".format(0), "{:g}".format(1e-5), "{:g}".format(123456789.0))
print("{:%}".format(1), "{:.2%}".format(0.12345), "{:c}".format(65), "{:n}".format(1234))
