value = 42
def greet(name):
    return "hello " + name
class Thing:
    kind = "thing"
_private = 1
