text = """The quick brown fox.
Jumps over the lazy dog!
The end."""
lines = text.splitlines()
print(len(lines), [len(l) for l in lines])
words = [w.strip(".!").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items())[:5], max(freq, key=freq.get))
print(" ".join(w[::-1] for w in lines[0].split()))
