def g():
    yield 1
gen = g()
print(list(gen), list(gen))
def counter():
    i = 0
    while True:
        i += 1
        yield i
c = counter()
print([next(c) for _ in range(5)])
def running():
    yield gen_ref.__name__ if False else "ok"
gen_ref = running()
print(next(gen_ref))
def pipeline():
    nums = (x for x in range(20))
    evens = (x for x in nums if x % 2 == 0)
    squares = (x * x for x in evens)
    return list(squares)
print(pipeline())
def send_before_start():
    yield
try:
    send_before_start().send(1)
except TypeError:
    print("TypeError on early send")
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finalized")
for v in fin():
    print(v)
    break
