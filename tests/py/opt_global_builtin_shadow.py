def use_len(x):
    return len(x)
print(use_len([1, 2]))
len = lambda x: "shadowed"
print(use_len([1, 2]))
del len
print(use_len([1, 2, 3]))
