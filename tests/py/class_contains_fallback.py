class Iter:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in Iter(), 5 in Iter())
class GetItem:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * 2
print(4 in GetItem(), 5 in GetItem(), list(GetItem()))
