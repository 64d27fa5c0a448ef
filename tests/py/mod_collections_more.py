from collections import namedtuple, deque
Emp = namedtuple("Emp", "name, dept, salary")
e = Emp("ann", "eng", 100)
print(e, e.name, e[2], e._replace(salary=200), isinstance(e, tuple), len(e))
name, dept, sal = e
print(name, dept, sal, sorted([Emp("b", "x", 2), Emp("a", "y", 1)]))
d = deque(maxlen=2)
for i in range(5):
    d.append(i)
print(list(d), d.maxlen)
d2 = deque("abc")
d2.extendleft("xy")
d2.rotate = None
print(list(d2))
