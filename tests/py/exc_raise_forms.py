for thing in (ValueError, ValueError("inst"), TypeError("t", 1)):
    try:
        raise thing
    except Exception as e:
        print(type(e).__name__, e.args)
try:
    raise 5
except TypeError:
    print("must derive")
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        raise ValueError("v") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__))
try:
    raise RuntimeError("x") from None
except RuntimeError as e:
    print(e.__cause__)
def f():
    raise
try:
    f()
except RuntimeError:
    print("no active exception")
