# compile() results run in the namespaces given to exec/eval; sources may be bytes-like.
def test():
    global x
    c = compile("print(x)", "file", "exec")
    try:
        exec(c)
    except NameError:
        print("NameError")
    x = 1
    exec(c)
    exec(c, {"x": 2})
    exec(c, {}, {"x": 3})
    g = {}
    exec(compile("y = 5\ndef f(): return y", "file", "exec"), g)
    print(g["y"], g["f"]())
    loc = {}
    exec(compile("z = 7", "file", "exec"), g, loc)
    print(loc, "z" in g)
    print(eval(compile("x + 10", "file", "eval")), eval(compile("x + 10", "file", "eval"), {"x": 5}))
    exec(compile("print(10 + 2)", "file", "single"))
    for mode in ("", "exe", "evaluate"):
        try:
            compile("1", "file", mode)
        except ValueError:
            print("ValueError", repr(mode))
    print(x)


test()
print(eval(bytearray(b"1 + 1")), eval(memoryview(b"2 + 2")), eval(b"3 + 3"))
exec(bytearray(b"a = 10"))
exec(memoryview(b"print(a * 2)"))
print(eval(compile(b"a + 1", "f", "eval")))
