s = ""
for i in range(5):
    s += str(i)
print(s, s * 2, 2 * "ab", "-" * 10, "x" * -1 == "", "a" + "b" * 3)
parts = ["x"] * 3
print("".join(parts), "+".join(str(i) for i in range(3)))
