class C:
    def inst(self):
        return "inst", type(self).__name__
    @classmethod
    def cls(cls):
        return "cls", cls.__name__
    @staticmethod
    def st(x):
        return "st", x
c = C()
print(c.inst(), c.cls(), c.st(1), C.cls(), C.st(2), C.inst(c))
m = c.inst
print(m(), m.__self__ is c)
