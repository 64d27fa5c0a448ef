try:
    raise OSError(2, "No such file")
except OSError as e:
    print(e.args, e.errno)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value, e.args)
e = KeyError("k")
print(str(e), repr(e), e.args)
e2 = ValueError()
print(str(e2) == "", repr(e2), e2.args)
e3 = Exception(1, 2)
print(str(e3), e3.args)
class E(Exception):
    pass
x = E("a")
x.extra = 5
print(x.extra, x.args)
