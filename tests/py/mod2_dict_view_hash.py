# dict views: keys and items views are set-like (unhashable); a values view hashes.
d = {1: 2}
for view in (d.keys(), d.items()):
    try:
        hash(view)
        print("hashed")
    except TypeError:
        print("TypeError")
print(type(hash(d.values())))
try:
    d.values() + 1
except TypeError:
    print("TypeError")
