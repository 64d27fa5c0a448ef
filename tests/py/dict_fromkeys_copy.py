d = dict.fromkeys(["a", "b"], 0)
d2 = d.copy()
d2["a"] = 5
print(d, d2, dict.fromkeys("xy"))
nested = {"l": [1]}
shallow = nested.copy()
shallow["l"].append(2)
print(nested)
