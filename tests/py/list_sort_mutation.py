# A key function or __lt__ that changes the list being sorted: ValueError, never a
# read of the list's old (reallocated) items.
l = [3, 1, 2]
try:
    l.sort(key=lambda x: (l.append(0), x)[1])
except ValueError:
    print("ValueError")
l = list(range(20, 0, -1))
try:
    l.sort(key=lambda x: (l.extend(range(50)), x)[1])
except ValueError:
    print("ValueError")


class K:
    def __init__(self, v, lst):
        self.v = v
        self.lst = lst

    def __lt__(self, other):
        self.lst.append(0)
        return self.v < other.v


l = []
l.extend(K(v, l) for v in (5, 3, 9, 1))
try:
    l.sort()
except ValueError:
    print("ValueError")
l = [5, 3, 9, 1]
l.sort(key=lambda x: -x)
print(l, sorted([3, 1, 2], reverse=True), sorted("bca"))
