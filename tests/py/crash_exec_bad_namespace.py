# exec/eval with a globals or locals argument that is not a dict raise TypeError
# (these used to crash the VM when it looked names up in them).
for args in [("print(1)", "foo"), ("print(1)", None, 123), ("1", 5)]:
    for f in (exec, eval):
        try:
            f(*args)
            print(f.__name__, "no error")
        except TypeError:
            print(f.__name__, "TypeError")
exec("x = 3", {"a": 1})
print(eval("a + 1", {"a": 1}))
print(eval("a + b", {"a": 1}, {"b": 2}))
