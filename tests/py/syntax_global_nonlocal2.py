counter = 0
def inc():
    global counter
    counter += 1
for _ in range(3):
    inc()
print(counter)
def outer():
    x = 0
    def a():
        nonlocal x
        x += 1
    def b():
        nonlocal x
        x *= 10
    a(); b(); a()
    return x
print(outer())
def make():
    global newglobal
    newglobal = "made"
make()
print(newglobal)
