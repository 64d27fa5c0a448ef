print(len([]), len([1, 2]), len("abc"), len(b"ab"), len({1: 2}), len({1, 2, 3}), len(range(10)), len(range(0, 10, 3)), len((1,)), len("\u00e9"))
class L:
    def __len__(self): return 42
print(len(L()))
