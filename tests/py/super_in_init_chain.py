class A:
    def __init__(self, **kw):
        self.a = kw.pop("a", 0)
        self.rest = kw
class B(A):
    def __init__(self, b=0, **kw):
        super().__init__(**kw)
        self.b = b
x = B(b=2, a=1, c=3)
print(x.a, x.b, x.rest)
