# Lists and deques extended from themselves copy their old items.
l = [1, 2, 3]
for _ in range(6):
    c = list(l)
    l += l
print(len(l), l == [1, 2, 3] * 64)
l = ["a", "b"]
for _ in range(6):
    c = list(l)
    l.extend(l)
print(len(l), l == ["a", "b"] * 64)
l = [1, 2]
l[len(l):] = l
l[:0] = l
l[1:2] = l
print(l)
l = [0]
l *= 3
l *= 1
print(l)
from collections import deque

d = deque([1, 2, 3])
d.extend(d)
print(list(d))
d = deque([1, 2])
d.extendleft(d)
print(list(d))
s = "ab"
for _ in range(3):
    s += s
print(s, s.join([s[:2], s[:3]]))
t = (1, 2)
t += t
print(t)
bb = b"xy"
bb += bb
print(bb, bb.join([bb, bb]))
# Extended-slice assignment from the list itself reads the old items.
l = [1, 2, 3, 4, 5]
l[::-1] = l
print(l)
l = [1, 2, 3, 4]
l[::-2] = l[:2]
print(l)
# In-place repeat changes the object every reference sees.
b = bytearray(b"abc")
c = b
b *= 3
print(b, c, b is c)
b *= 0
print(c, len(b))
l = [1, 2]
k = l
l *= 2
print(k, l is k)
