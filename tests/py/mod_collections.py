from collections import namedtuple, deque, OrderedDict
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x + p.y, p[0], tuple(p), p == Point(1, 2), p._replace(x=5), p._asdict())
x, y = p
print(x, y, len(p), Point._fields if hasattr(Point, "_fields") else p._fields)
P3 = namedtuple("P3", "a b c")
print(P3(1, 2, c=3), P3(*range(3)))
d = deque()
for i in range(5):
    d.append(i)
d.appendleft(-1)
print(list(d), d.pop(), d.popleft(), list(d), len(d), 2 in d)
d2 = deque([1, 2, 3], 3)
d2.append(4)
print(list(d2), d2[0], d2[-1])
od = OrderedDict()
od["z"] = 1
od["a"] = 2
print(list(od.keys()), list(od.items()), od["a"])
