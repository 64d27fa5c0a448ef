class Base:
    def hello(self):
        return "base"
class Left(Base):
    def hello(self):
        return "left+" + super().hello()
class Right(Base):
    def hello(self):
        return "right+" + super().hello()
    def only_right(self):
        return "R"
class Both(Left, Right):
    pass
b = Both()
print(b.hello(), b.only_right(), [k.__name__ for k in Both.__mro__])
class M1:
    x = 1
class M2:
    x = 2
    y = 3
class MM(M1, M2):
    pass
print(MM.x, MM.y, MM().x)
