try:
    {[1, 2]}
except TypeError:
    print("list in set")
try:
    s = set()
    s.add({})
except TypeError:
    print("dict in set")
print({(1, 2), frozenset([3])} == {frozenset([3]), (1, 2)})
