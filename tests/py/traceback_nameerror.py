def f():
    return missing_name
print([1, 2, 3])
f()
