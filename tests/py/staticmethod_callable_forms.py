class M:
    @staticmethod
    def add(a, b):
        return a + b
    ops = {"+": add}
print(M.add(1, 2), M().add(3, 4))
f = M.add
print(f(5, 6))
