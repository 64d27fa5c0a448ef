class Base:
    @classmethod
    def create(cls):
        return cls.__name__
class Child(Base):
    @classmethod
    def create(cls):
        return "child:" + super().create()
print(Child.create(), Base.create())
