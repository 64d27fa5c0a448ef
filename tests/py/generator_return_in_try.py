def g():
    try:
        yield 1
        return "r"
    finally:
        print("finally in generator")
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value", e.value)
