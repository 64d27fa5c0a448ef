# String and dict heavy: tokenising, counting words, building and joining text.
def run():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    text = " ".join(words[(i * 7) % len(words)] for i in range(20000))
    counts = {}
    for _ in range(10):
        for w in text.split():
            counts[w] = counts.get(w, 0) + 1
    out = []
    for k in sorted(counts):
        out.append("%s=%d" % (k, counts[k]))
    s = ";".join(out)
    table = {}
    for i in range(50000):
        key = "k" + str(i % 500)
        table[key] = table.get(key, "") + str(i % 10)
    total = sum(len(v) for v in table.values())
    upper = text.upper().count("A")
    return s[:40], total, upper


print("str_dict", run())
