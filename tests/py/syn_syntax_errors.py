# Code that must not compile: SyntaxError (or IndentationError) at compile time.


def check(code):
    try:
        compile(code, "<test>", "exec")
        print("compiled", repr(code))
    except IndentationError:
        print("IndentationError", repr(code))
    except SyntaxError:
        print("SyntaxError", repr(code))


# Indentation.
check(" a = 1\n")
check("if 1:\n  a\n    b\n")
check("if 1:\npass\n")
check("def f():\n  a\n b\n")

# Parameters.
check("def f(a, a): pass")
check("def f(a, *, a): pass")
check("lambda a, a: 1")
check("def f(*a, **a): pass")
check("def f(x, *a, *): pass")
check("def f(*, *a): pass")
check("lambda x, *a, *: 1")
check("def f(x, **kw, r): pass")
check("def f(**kw, *a): pass")
check("lambda x, **kw, r: 1")
check("def f(a=1, b): pass")

# global and nonlocal against parameters and each other.
check("def f(x):\n global x")
check("def f(x):\n nonlocal x")
check("def f():\n nonlocal x\n global x")
check("def f():\n global x\n nonlocal x")
check("def f():\n def g():\n  nonlocal a")
check("nonlocal a")
check("def f():\n global x\n global x\n x = 1")

# Calls: nothing positional after **.
check("f(**a, b)")
check("f(**a, *b)")
check("f(a=1, b)")
check("f(*a, b, c=1, *d, **e)")
check("f(**a, b=1, **c)")

# Targets.
check("f() = 1")
check("del f()")
check("[] = []")
check("x := 1")
check("((x, y) := 1)")

# async for / async with only in an async def.
check("async for x in y: pass")
check("async with x: pass")
check("def f():\n async for x in y: pass")
check("def f():\n async with x: pass")
check("async def f():\n async for x in y: pass\n async with x: pass")
