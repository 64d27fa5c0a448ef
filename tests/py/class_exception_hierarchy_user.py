class Base(Exception):
    pass
class A(Base):
    pass
class B(Base):
    pass
for cls in (A, B, Base):
    try:
        raise cls("x")
    except A:
        print("A")
    except Base as e:
        print("Base", type(e).__name__)
