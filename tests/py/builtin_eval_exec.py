x = 10
print(eval("x * 2"), eval("[i for i in range(x) if i % 3 == 0]"), eval("(lambda a: a + x)(5)"))
g = {"y": 3}
print(eval("y + 1", g))
exec("def f(n):\n    return n * 3\nz = f(4)")
print(z, f(2))
loc = {}
exec("w = 5", {}, loc)
print(loc)
print(eval("1 if True else 2"), eval("  3 + 4  "))
try:
    eval("1 +")
except SyntaxError:
    print("syntax error")
