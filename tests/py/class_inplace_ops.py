class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __isub__(self, x):
        self.items.remove(x)
        return self
class Plain:
    def __init__(self, v): self.v = v
    def __add__(self, o): return Plain(self.v + o)
a = Acc()
a += 1; a += 2; a -= 1
print(a.items)
p = Plain(1)
q = p
p += 5
print(p.v, q.v, p is q)
l = [1]
l2 = l
l += [2]
print(l2, l is l2)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
