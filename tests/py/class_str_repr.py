class A:
    def __repr__(self): return "A-repr"
class B:
    def __str__(self): return "B-str"
class C(A):
    def __str__(self): return "C-str"
print(A(), str(A()), repr(A()), [A()], f"{A()}", "%s %r" % (A(), A()))
print(str(B()), [C()], str(C()), repr(C()), "{} {!r}".format(C(), C()))
