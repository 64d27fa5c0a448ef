s = "abcdefghij"
print(s[0], s[9], s[-1], s[-10])
print(s[2:5], s[:3], s[7:], s[:], s[-3:-1], s[5:2], s[::3], s[1::2], s[::-2], s[8:2:-2], s[-1:-11:-1])
print(s[100:200] == "", s[-100:2], s[2:-100] == "")
try:
    s[10]
except IndexError as e:
    print("IndexError")
try:
    s["a"]
except TypeError:
    print("TypeError")
print(s[1:3] + s[5:], s * 0 == "", len(s[::4]))
