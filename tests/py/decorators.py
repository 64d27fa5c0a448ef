def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, sorted(kwargs.items()))
        return fn(*args, **kwargs)
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b=0):
    return a + b
@repeat(3)
def hi(name):
    return "hi " + name
print(add(1, b=2), hi("x"))
@trace
@repeat(2)
def twice():
    return 1
print(twice())
def register(registry):
    def deco(cls):
        registry.append(cls.__name__)
        return cls
    return deco
reg = []
@register(reg)
class One: pass
@register(reg)
class Two: pass
print(reg)
