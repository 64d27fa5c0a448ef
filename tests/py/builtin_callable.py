class C:
    def __call__(self): pass
class D: pass
print(callable(C()), callable(D()), callable(D), callable(print), callable("s"), callable(lambda: 0), callable(C.__call__))
