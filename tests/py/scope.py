x = "global"
def f():
    print(x)
f()
def g():
    x = "local"
    def h():
        return x
    return h()
print(g())
def counter():
    n = 0
    def up():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return up, get
up, get = counter()
up(); up()
print(get())
def shadow():
    try:
        print(y)
    except NameError:
        print("no y")
shadow()
def unbound():
    try:
        print(z)
        z = 1
    except UnboundLocalError:
        print("unbound")
unbound()
class K:
    a = 1
    b = [a * i for i in range(3)] if False else None
    def m(self):
        return self.a
print(K().m())
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
def gen_scope():
    v = 10
    return [v + i for i in range(2)]
print(gen_scope())
