d = {}
for k in "zyxabc":
    d[k] = ord(k)
print(list(d), list(d.values()))
del d["x"]
d["x"] = 0
print(list(d))
for k, v in d.items():
    if v == 0:
        print("zero at", k)
print([k for k in d if k > "b"])
