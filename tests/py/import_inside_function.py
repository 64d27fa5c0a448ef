def f():
    import math
    from _helper_mod import greet
    return math.floor(2.5), greet("f")
print(f())
try:
    math
except NameError:
    print("local import")
