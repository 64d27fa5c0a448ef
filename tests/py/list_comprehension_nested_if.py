print([x for x in range(30) if x % 2 == 0 if x % 3 == 0])
print([(a, b) for a in range(4) if a for b in range(a) if (a + b) % 2])
print([[c for c in w] for w in ["ab", "c"]])
