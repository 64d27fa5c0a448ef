# Exception messages follow MicroPython's texts (see errors_messages.py.exp).
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
show(lambda: undefined_name)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1][5])
show(lambda: (1,)[2])
show(lambda: "ab"[9])
show(lambda: {}["key"])
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: int("x1"))
show(lambda: None())
show(lambda: (1).foo)
show(lambda: [].nope)
show(lambda: len(5))
show(lambda: hash([]))
show(lambda: iter(5))
show(lambda: next([]))
def f2(a, b):
    return a
show(lambda: f2(1))
show(lambda: f2(1, 2, 3))
show(lambda: f2(1, b=2, c=3))
show(lambda: f2(1, 2, b=3))
show(lambda: [].pop())
show(lambda: [1].index(5))
show(lambda: "abc".index("z"))
show(lambda: int.foo)
import sys
show(lambda: sys.nope)
show(lambda: 5[0])
show(lambda: 2 ** "x")
show(lambda: -"x")
show(lambda: chr(-1))
show(lambda: ord("ab"))
show(lambda: [1, 2].remove(3))
show(lambda: float("abc"))
def g():
    x
    x = 1
show(g)
a, b = 1, 2
def unp():
    a, b = [1, 2, 3]
show(unp)
def unp2():
    a, b, c = [1, 2]
show(unp2)
show(lambda: {}.popitem())
show(lambda: set().pop())
show(lambda: bytes([300]))
show(lambda: range(0, 10, 0))
show(lambda: "%d" % "x")
