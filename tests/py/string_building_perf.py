parts = []
for i in range(2000):
    parts.append("%d:%s" % (i, chr(65 + i % 26)))
s = ",".join(parts)
print(len(s), s[:20], s[-10:], s.count("A"), s.split(",")[1000])
