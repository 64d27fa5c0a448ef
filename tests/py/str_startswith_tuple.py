u = "filename.txt"
print(u.startswith("file"), u.startswith(("x", "file")), u.endswith((".py", ".txt")), u.endswith("name", 0, 8), u.startswith("name", 4))
