class C:
    pass
def hello(self, n):
    return "hello " * n
C.hello = hello
c = C()
print(c.hello(2))
setattr(C, "bye", lambda self: "bye")
print(c.bye(), C.bye(c))
