out = []
for x in ["1", "a", "3", "b"]:
    try:
        out.append(int(x))
    except ValueError:
        out.append(None)
        continue
    finally:
        out.append("|")
print(out)
