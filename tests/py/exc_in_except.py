def f():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            [][0]
        except IndexError as e:
            print("inner", type(e).__name__)
        print("still handling")
        return "done"
print(f())
try:
    try:
        {}["x"]
    except KeyError:
        int("bad")
except ValueError as e:
    print("ValueError from handler")
try:
    try:
        raise ValueError("first")
    finally:
        print("cleanup runs")
except ValueError as e:
    print("got", e)
def g():
    try:
        raise TypeError("t")
    except TypeError as e:
        err = e
    return err
e = g()
print(type(e).__name__, e)
try:
    e
    print("e still bound outside? no, this is the function result")
except NameError:
    pass
