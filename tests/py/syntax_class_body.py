class C:
    x = 1
    y = x + 1
    items = [x, y]
    def method(self):
        return self.y
    if y > 1:
        flag = True
    for i in range(3):
        pass
print(C.x, C.y, C.items, C().method(), C.flag, C.i)
print(C.__name__, C.__module__ if hasattr(C, "__module__") else "__main__")
