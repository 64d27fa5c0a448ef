class Rec:
    def __init__(self):
        object.__setattr__(self, "_data", {})
    def __getattr__(self, name):
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name)
    def __setattr__(self, name, value):
        self._data[name] = value
    def __delattr__(self, name):
        del self._data[name]
r = Rec()
r.x = 1
r.y = "two"
print(r.x, r.y, sorted(r._data))
del r.x
print(hasattr(r, "x"), hasattr(r, "y"), getattr(r, "x", "gone"))
class Fallback:
    real = "real"
    def __getattr__(self, name):
        return name.upper()
f = Fallback()
print(f.real, f.virtual, f.other)
