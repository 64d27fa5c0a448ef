class MyList(list):
    def sum(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.sum(), len(ml), ml[1:3], isinstance(ml, list), type(ml).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
md = MyDict(a=1)
print(md["a"], md["zz"], len(md))
class Str2(str):
    pass
class T2(tuple):
    def first(self):
        return self[0]
print(T2([5, 6]).first(), isinstance(T2(), tuple), len(T2((1, 2, 3))))
