# range() refuses keyword arguments (they used to be silently ignored).
for f in (lambda: range(end=1), lambda: range(0, end=1), lambda: range(0, 1, step=1),
          lambda: range(**{"stop": 2}), lambda: range(start=0, stop=1)):
    try:
        print(f())
    except TypeError:
        print("TypeError")
print(list(range(*[1, 4])), range(3)[::-1], list(range(*(5, 0, -2))))
