# Builtin methods read from their type check the type of their first argument.
def show(f):
    try:
        print(f())
    except TypeError:
        print("TypeError")


show(lambda: list.append(1, 2))
show(lambda: list.append())
show(lambda: dict.get(1, 2))
show(lambda: str.upper(5))
show(lambda: bytearray.extend(b"x", b"y"))
show(lambda: set.add([], 1))
show(lambda: int.to_bytes("a", 1, "big"))
l = []
list.append(l, 1)
print(l, str.upper("abc"), dict.get({1: 2}, 1), int.bit_length(255), str.join(",", "ab"))


class L(list):
    def append(self, x):
        super().append(x * 2)


m = L()
m.append(1)
list.append(m, 5)
L.extend(m, [7])
print(m)
print(list.append.__name__)


# A builtin method stored in a class body binds like any method.
class MyList(list):
    push = list.append
    ext = list.extend


ml = MyList()
ml.push(1)
ml.ext([2, 3])
MyList.ext(ml, [4])
print(ml)
try:
    MyList.ext(5, [1])
except TypeError:
    print("TypeError")
print(list(map(str.upper, ["a", "b"])), sorted(["b", "A", "c"], key=str.lower))
