# help(obj) lists what a module or class holds.
class A:
    x = 1


help(A)
