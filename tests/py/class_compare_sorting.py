class Ver:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __lt__(self, o):
        return self.parts < o.parts
    def __repr__(self):
        return ".".join(map(str, self.parts))
print(sorted([Ver("1.10"), Ver("1.2"), Ver("1.9.1")]), max([Ver("2.0"), Ver("10.0")]))
