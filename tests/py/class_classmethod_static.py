class Temp:
    unit = "C"
    def __init__(self, deg):
        self.deg = deg
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 // 9)
    @staticmethod
    def valid(d):
        return d > -273
    @classmethod
    def describe(cls):
        return cls.__name__ + " in " + cls.unit
class Kelvin(Temp):
    unit = "K"
t = Temp.from_f(212)
print(t.deg, type(t).__name__, Temp.valid(-300), t.valid(0), Temp.describe(), Kelvin.describe())
k = Kelvin.from_f(32)
print(type(k).__name__, k.deg)
