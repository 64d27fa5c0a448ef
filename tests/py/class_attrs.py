class K:
    shared = []
    count = 0
    def __init__(self, v):
        self.v = v
        K.count += 1
    def add(self, x):
        self.shared.append(x)
a = K(1); b = K(2)
a.add("x"); b.add("y")
print(K.shared, a.shared is b.shared, K.count, a.count)
a.count = 100
print(a.count, b.count, K.count)
print(K.__name__, a.__class__.__name__, type(a) is K, a.__dict__)
del a.count
print(a.count)
print(getattr(K, "count"), hasattr(K, "add"), "v" in a.__dict__)
K.new_attr = "added"
print(b.new_attr)
def ext(self):
    return self.v * 10
K.ext = ext
print(a.ext(), b.ext())
