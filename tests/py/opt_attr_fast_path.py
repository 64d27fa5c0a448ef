class P:
    def __init__(self):
        self.a = 1
    def get(self):
        return self.a
p = P()
for _ in range(3):
    p.a += 1
print(p.a, p.get())
p.get = lambda: "instance attr shadows method"
print(p.get())
class Q(P):
    @property
    def a(self):
        return 100
    @a.setter
    def a(self, v):
        pass
q = Q()
print(q.a, q.get())
