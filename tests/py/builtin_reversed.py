print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed("abc")), list(reversed(range(5))), list(reversed([])))
class S:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(S())))
class Rv:
    def __reversed__(self): return iter("zyx")
print(list(reversed(Rv())))
