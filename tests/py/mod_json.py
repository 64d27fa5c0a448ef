import json
data = {"name": "vpy", "list": [1, 2.5, -3, True, False, None], "nested": {"a": [], "b": {}}, "s": "q\"uote\n"}
s = json.dumps(data)
print(s)
print(json.loads(s) == data)
print(json.dumps([1, "a"], separators=(",", ":")), json.dumps("x"), json.dumps(3.0), json.dumps({}))
print(json.loads("[1, 2, [3, {\"k\": null}]]"), json.loads(" 42 "), json.loads('"\\u0041bc"'), json.loads("-1.5e3"))
for bad in ("[1,", "{\"a\" 1}", "tru", ""):
    try:
        json.loads(bad)
    except ValueError:
        print("ValueError", repr(bad))
