a = 1
del a
try:
    a
except NameError:
    print("deleted")
l = [1, 2, 3, 4]
del l[0], l[-1]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
class C: pass
c = C()
c.x = 1
del c.x
print(hasattr(c, "x"))
x, y = 1, 2
del x, y
print("x" in dir())
