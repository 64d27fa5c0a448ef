def a():
    def b():
        def c():
            return "c"
        return "b" + c()
    return "a" + b()
print(a())
def counter_factory():
    def counter(n):
        return [counter(i) for i in range(n)] if n else 0
    return counter
print(counter_factory()(3))
