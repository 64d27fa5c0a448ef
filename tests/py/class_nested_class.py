class Outer:
    class Inner:
        value = 42
        def get(self):
            return self.value
    def make(self):
        return self.Inner()
print(Outer().make().get(), Outer.Inner.value, Outer.Inner.__name__)
