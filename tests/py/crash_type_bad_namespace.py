# type(name, bases, ns) checks its arguments instead of crashing.
for args in [("A", (), 6), ("A", (), None), ("A", (), [1]), (1, (), {}), ("A", 5, {})]:
    try:
        type(*args)
        print("no error")
    except TypeError:
        print("TypeError")
A = type("A", (), {"x": 1, "f": lambda self: self.x + 1})
print(A.__name__, A.x, A().f())
B = type("B", (A,), {})
print(B().f(), issubclass(B, A))
