a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b)
s1 = "hello"
s2 = "hel" + "lo"
print(s1 == s2)
print(1 == 1.0, 1 is 1, () is (), 256 == 256)
