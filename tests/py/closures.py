def make_counter(start):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter(10)
inc(); inc(5)
print(get())
def outer():
    x = 1
    def mid():
        y = 2
        def inner():
            return x + y
        return inner
    return mid()
print(outer()())
def make_funcs():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return fs
print([f() for f in make_funcs()])
def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late())
def shared():
    v = []
    def add(x): v.append(x)
    def show(): return list(v)
    return add, show
add, show = shared()
add(1); add(2)
print(show())
def cell_in_loop():
    total = 0
    def bump(n):
        nonlocal total
        total += n
    for i in range(5):
        bump(i)
    return total
print(cell_in_loop())
