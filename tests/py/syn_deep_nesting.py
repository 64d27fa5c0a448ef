# Absurdly deep source nesting fails with an exception, never by overflowing the C stack.
N = 100000
makers = [
    lambda: "not " * N + "1",
    lambda: "-" * N + "1",
    lambda: "[" * N + "]" * N,
    lambda: "(" * N + ")" * N,
    lambda: "lambda: " * N + "1",
    lambda: "f'" + "{f'" * N + "1" + "'}" * N + "'",
]
for make in makers:
    try:
        compile(make(), "<deep>", "eval")
        print("compiled")
    except (RuntimeError, MemoryError, SyntaxError):
        print("error")
