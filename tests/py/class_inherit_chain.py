class A:
    def __init__(self):
        self.log = ["A"]
    def f(self):
        return "A.f"
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append("B")
class C(B):
    def __init__(self):
        super().__init__()
        self.log.append("C")
    def f(self):
        return "C>" + super().f()
c = C()
print(c.log, c.f(), isinstance(c, A), issubclass(C, A), C.__bases__[0].__name__)
print([k.__name__ for k in C.__mro__])
