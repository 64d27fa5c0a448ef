# A width too large for the formatter is an error, not an overflow (vpy refuses widths past
# INT_MAX; CPython may try to build the huge string, so the expectation is pinned in .exp).
for f in [lambda: "%9999999999d" % 1, lambda: "{:9999999999}".format(1)]:
    try:
        f()
        print("formatted")
    except (ValueError, OverflowError, MemoryError):
        print("error")
