d = {"name": "vpy", "n": 3, "f": 1.5}
print("%(name)s has %(n)d items at %(f).2f" % d)
print("%s-%s" % ("a", "b"), "%5.1f%%" % 99.44, "%-6s|" % "ab", "%06.2f" % 3.14159, "%x" % 3054)
try:
    "%s %s" % ("one",)
except TypeError:
    print("not enough")
try:
    "%s" % ("a", "b")
except TypeError:
    print("too many")
