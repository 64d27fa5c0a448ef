class Typed:
    def __init__(self, name, kind):
        self.name = "_" + name
        self.kind = kind
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("bad type")
        setattr(obj, self.name, value)
class Pt:
    x = Typed("x", int)
    def __init__(self, x):
        self.x = x
p = Pt(3)
print(p.x)
p.x = 7
print(p.x)
try:
    p.x = "s"
except TypeError as e:
    print(e)
print(isinstance(Pt.x, Typed))
