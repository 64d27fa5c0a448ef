e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("in handler", e)
try:
    print(e)
except NameError:
    print("name deleted after except")
