class A:
    pass
r = repr(A())
print(r.startswith("<"), "A object" in r, r.endswith(">"))
print(repr(A).startswith("<class"), "A" in repr(A))
