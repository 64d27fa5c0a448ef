class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @radius.setter
    def radius(self, v):
        if v < 0:
            raise ValueError("negative")
        self._r = v
    @radius.deleter
    def radius(self):
        print("deleting")
        self._r = 0
    @property
    def area(self):
        return 3 * self._r ** 2
c = Circle(2)
print(c.radius, c.area)
c.radius = 5
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError", e)
try:
    c.area = 1
except AttributeError:
    print("read-only")
del c.radius
print(c.radius)
class P2:
    def get(self):
        return 42
    x = property(get)
print(P2().x)
