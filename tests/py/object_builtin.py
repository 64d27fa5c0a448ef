o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())
class C(object):
    pass
print(issubclass(C, object), isinstance(C(), object), isinstance(1, object), isinstance(int, object))
