s = ""
for i in range(500):
    s = s + str(i % 10)
    if len(s) > 100:
        s = s[50:]
print(len(s), s[:10])
parts = [("%05d" % i) for i in range(3000)]
print(len("".join(parts)), parts[2999])
