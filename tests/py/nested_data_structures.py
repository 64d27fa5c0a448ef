data = {"users": [{"name": "a", "tags": {"x", "y"}}, {"name": "b", "tags": set()}], "count": 2}
print(data["users"][0]["name"], sorted(data["users"][0]["tags"]), len(data["users"][1]["tags"]))
data["users"].append({"name": "c", "tags": {"z"}})
data["count"] += 1
print(data["count"], [u["name"] for u in data["users"]], sorted(t for u in data["users"] for t in u["tags"]))
