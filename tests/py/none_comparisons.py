x = None
print(x is None, x == None, x is not None, bool(x), str(x), repr(x), type(x).__name__)
print([None] * 2, {None: 1}[None], None in [1, None])
try:
    None < 1
except TypeError:
    print("TypeError")
