class C:
    def __init__(self):
        self.a = 1
        self.b = 2
    def m(self): pass
c = C()
print(sorted(vars(c).items()))
d = dir(c)
print("a" in d, "m" in d, "__class__" in d)
print("append" in dir([]), "keys" in dir({}), "upper" in dir(""))
import sys
print("argv" in dir(sys))
