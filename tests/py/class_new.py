class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self):
        self.inited = True
a = Single(); b = Single()
print(a is b, a.inited)
class Num:
    def __new__(cls, v):
        obj = object.__new__(cls)
        obj.v = v * 2
        return obj
print(Num(4).v)
class NotMine:
    def __new__(cls):
        return 42
print(NotMine())
