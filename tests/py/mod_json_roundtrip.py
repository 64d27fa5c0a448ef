import json
cases = [0, -1, 3.5, "s", "\u00e9t\u00e9", [], {}, [1, [2, [3]]], {"a": {"b": None}}, True, None, "\t\"\\"]
for c in cases:
    s = json.dumps(c)
    print(s, json.loads(s) == c)
