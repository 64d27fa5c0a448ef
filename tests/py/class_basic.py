class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(%r)" % self.name
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return super().speak() + ": woof"
a = Animal("generic"); d = Dog("rex")
print(a.speak(), d.speak(), a, d, d.kind, Animal.kind, d.name)
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal), type(d) is Dog, type(d).__name__)
d.age = 3; print(d.age, hasattr(d, "age"), hasattr(d, "zzz"), getattr(d, "zzz", "dflt"))
setattr(d, "color", "brown"); print(d.color); delattr(d, "color"); print(hasattr(d, "color"))
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def twice(x):
        return 2 * x
Counter(); Counter.make(); print(Counter.count, Counter.twice(21), Counter().twice(2))
class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val * 10
p = P(); p.v = 4; print(p.v)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Empty: pass
e = Empty(); print(type(e).__name__, isinstance(e, object))
print(str(d), repr(d))
class WithStr:
    def __str__(self): return "str!"
print(WithStr(), str(WithStr()), [WithStr()] == [1])
