# `async` inside a comprehension must be followed by `for`.
for src in ["[x async]", "f(x async)", "[x for x in y async]", "{k: 1 for k in y async}"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled", src)
    except SyntaxError:
        print("SyntaxError", src)
