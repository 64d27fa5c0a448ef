print(float("1e5"), float("-.5"), float("+1."), float("  3.25  "), float("1_000.5"), float("INF"), float("-Infinity"), float("nan") != float("nan"))
for bad in ("", "1.2.3", "e5", "abc"):
    try:
        float(bad)
    except ValueError:
        print("bad", repr(bad))
