# Items whose __eq__ / __repr__ / __lt__ change the list being compared, searched or
# printed: the list is re-read at each step, so nothing reads past its end.
class E:
    def __init__(self, lst, result=False):
        self.lst = lst
        self.result = result

    def __eq__(self, other):
        self.lst.clear()
        return self.result

    def __lt__(self, other):
        self.lst.clear()
        return True

    def __repr__(self):
        self.lst.clear()
        return "E"


l = []
l.extend([E(l), E(l), E(l)])
print(l == [1, 2, 3], len(l))
l.extend([E(l), E(l), E(l)])
print(l < [1, 2, 3], len(l))
l.extend([E(l), E(l), E(l)])
print(repr(l), len(l))
l.extend([E(l, True), E(l, True), E(l, True)])
try:
    l.remove(5)
    print("removed", len(l))
except ValueError:
    print("ValueError")
l.extend([E(l), E(l), E(l)])
try:
    print(l.index(5))
except ValueError:
    print("ValueError")
l.extend([E(l), E(l), E(l)])
print(l.count(5), 5 in [E(l)], len(l))
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] >= [1], [] != [0], [1, [2]] == [1, [2]])
