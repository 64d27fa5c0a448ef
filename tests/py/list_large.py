l = list(range(10000))
print(len(l), sum(l), l[5000], l[-1])
l2 = [x * 2 for x in l if x % 100 == 0]
print(len(l2), l2[-1])
del l[::2]
print(len(l), l[:3])
l.reverse()
print(l[:3])
