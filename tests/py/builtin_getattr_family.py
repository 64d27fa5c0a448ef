class O:
    a = 1
o = O()
print(getattr(o, "a"), getattr(o, "b", None), hasattr(o, "a"), hasattr(o, "b"))
setattr(o, "b", 2)
print(o.b, getattr(o, "b"))
delattr(o, "b")
print(hasattr(o, "b"))
try:
    getattr(o, "zz")
except AttributeError:
    print("AttributeError")
print(getattr(5, "real"), getattr("s", "upper")())
