def f(n):
    if n == 0:
        raise ValueError("zero")
    return 10 // n
for n in (2, 0):
    try:
        print(f(n))
    except ValueError as e:
        print("ValueError:", e, e.args)
    else:
        print("no error")
    finally:
        print("finally", n)
try:
    [][1]
except (KeyError, IndexError) as e:
    print(type(e).__name__)
try:
    {}["k"]
except LookupError as e:
    print("lookup", repr(e))
class MyErr(Exception):
    pass
class Sub(MyErr):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise Sub(7)
except MyErr as e:
    print("caught", e, e.code, isinstance(e, Exception))
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise RuntimeError("outer")
except RuntimeError as e:
    print(e)
try:
    try:
        1 / 0
    finally:
        print("cleanup")
except ZeroDivisionError:
    print("zde")
def g():
    try:
        return "try"
    finally:
        print("fin in g")
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("loop fin", i)
    return i
print(h())
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise TypeError("a", 1)
except TypeError as e:
    print(e.args, str(e))
def reraise():
    try:
        raise IndexError("ix")
    except IndexError:
        raise
try:
    reraise()
except IndexError as e:
    print("reraised", e)
try:
    raise ValueError("v") from KeyError("k")
except ValueError as e:
    print(e, type(e.__cause__).__name__)
e = Exception("x", "y")
print(e.args, str(e), repr(e))
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("assert", e)
try:
    x = undefined_thing
except NameError:
    print("name error")
def nested_finally():
    try:
        try:
            raise ValueError("a")
        finally:
            print("f1")
    finally:
        print("f2")
try:
    nested_finally()
except ValueError:
    print("outer caught")
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(StopIteration, Exception))
