class L:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __eq__(self, o):
        return self.v == o.v
a, b = L(1), L(2)
print(a < b, b > a, a != b, a == L(1))
try:
    a <= b
except TypeError:
    print("no __le__")
class R:
    def __radd__(self, o):
        return "radd " + str(o)
print(5 + R(), "s" + R() if False else "")
