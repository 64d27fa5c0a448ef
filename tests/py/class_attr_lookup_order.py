class A:
    x = "A"
class B(A):
    pass
b = B()
print(b.x)
B.x = "B"
print(b.x)
b.x = "inst"
print(b.x, B.x, A.x)
del b.x
print(b.x)
del B.x
print(b.x)
