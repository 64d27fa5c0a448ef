parts = ["alpha", "beta", "", "gamma"]
joined = "|".join(parts)
print(joined, joined.split("|") == parts)
text = "the quick brown fox jumps over the lazy dog"
words = text.split()
print(len(words), sorted(set(words)), " ".join(w.capitalize() for w in words))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
print(",".join(str(i) for i in range(10)), "".join(map(chr, range(65, 70))))
print(text.replace("the", "THE", 1), text.count("o"), text.upper()[:9])
