def inner(x):
    return 1 // x

def middle(x):
    return inner(x) + 1

def outer():
    return middle(0)

print("before")
outer()
print("never")
