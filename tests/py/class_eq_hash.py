class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
s = {P(1, 2), P(1, 2), P(2, 1)}
print(len(s), P(1, 2) in s, P(3, 3) in s)
d = {P(0, 0): "origin"}
print(d[P(0, 0)])
class NoHash:
    def __eq__(self, o): return True
try:
    hash(NoHash())
except TypeError:
    print("unhashable")
class Id:
    pass
i1, i2 = Id(), Id()
print(i1 == i1, i1 == i2, i1 != i2, len({i1, i2, i1}))
