import io
b = io.BytesIO()
b.write(b"abc")
b.write(bytearray(b"de"))
print(b.getvalue(), b.tell())
b.seek(1)
print(b.read(2), b.read())
s = io.StringIO("line1\nline2\n")
print(s.readlines())
s.close()
try:
    s.read()
except ValueError:
    print("closed")
