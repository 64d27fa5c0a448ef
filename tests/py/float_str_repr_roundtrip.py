import math
vals = [0.1, 0.2, 0.3, 1.1, 2.675, 1e-7, 1.5e300, 123.456, 1/7, math.pi, -0.0, 5e-324, 1.7976931348623157e308]
for v in vals:
    s = repr(v)
    print(s, float(s) == v)
