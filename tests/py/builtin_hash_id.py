print(hash(1) == hash(1.0), hash("a") == hash("a"), hash((1, 2)) == hash((1, 2)), hash(None) == hash(None))
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError:
        print("unhashable", type(bad).__name__)
a = []
print(id(a) == id(a), id(a) != id([]), type(id(a)))
