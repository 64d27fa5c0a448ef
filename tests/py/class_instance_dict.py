class C:
    def __init__(self):
        self.x = 1
c = C()
c.__dict__["y"] = 2
print(sorted(c.__dict__.items()), c.y)
c.__dict__.clear()
print(hasattr(c, "x"))
