def f():
    "doc"
    return 1
f.tag = "t"
print(f.tag, f.__name__, hasattr(f, "tag"), hasattr(f, "nope"))
def deco(fn):
    fn.wrapped = True
    return fn
@deco
def g():
    pass
print(g.wrapped)
print(callable(f), f() == 1)
