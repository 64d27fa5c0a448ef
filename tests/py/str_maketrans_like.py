table = {"a": "4", "e": "3", "o": "0"}
print("".join(table.get(c, c) for c in "hello world"))
print("".join(sorted(set("mississippi"))), "mississippi".replace("ss", "SS"))
