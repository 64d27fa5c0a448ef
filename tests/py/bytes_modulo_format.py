# bytes % args gives bytes: %s inserts raw bytes, %r their repr, numbers as text.
print(b"%s-%d" % (b"x", 1))
print(b"%s|%5d|%-4x|%r" % (b"ab", 42, 255, b"q"))
print(type(b"%d" % 3), b"%%" % ())
