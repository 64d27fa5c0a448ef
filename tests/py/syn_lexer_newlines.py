# CR and CR LF end lines like LF, in code and in string literals; __debug__.
print(type(__debug__), __debug__)
for src in ["", "\n", "\r", "\r\r", "\r\n", "\t", "\rprint(1)", "\r\nprint(2)", "x = 3\rprint(x)"]:
    exec(src)
exec("def f():\r    return 4\rprint(f())")
exec("def f():\r\n    if 1:\r\n        return 5\r\n\r\nprint(f())")
exec('print(repr("""a\rb\r\nc\nd"""))')
exec("print(repr('''x\r\r\ny'''))")
exec("print(r'''raw\r\nline''')")
exec("print(repr(b'''by\rtes'''))")
exec("print(repr(f'''{1}\r{2}'''))")
exec("x = [1,\r 2,\r\n 3]\rprint(x)")
print(eval("'123' \\\r '456'"))
print(eval("'123' \\\r\n '456'"))
print(eval("1\r"))
print(eval("1 +\\\r2"))

# Control bytes are not valid input.
for b in range(9):
    try:
        eval(b"1" + bytes([b]))
    except (SyntaxError, ValueError):
        print("bad byte", b)
