# MicroPython's stream extensions on BytesIO (write(buf, n), write(buf, off, n), readinto,
# OSError for a negative seek), io.BufferedWriter and io.IOBase, struct's 'O' and short
# argument lists. MicroPython-only behaviour: the expected output is in the .exp file.
import io
import struct
from array import array

s = io.BytesIO()
print(s.write(b"abcdef", 3), s.write(b"abcdef", 2, 2), s.write(b"xyz", 5, 1), s.write(b"12", 9))
print(s.getvalue())
s.write(array("b", [65, 66]))
s.write(memoryview(b"--CD--")[2:4])
print(s.getvalue())
s.seek(0)
buf = bytearray(4)
print(s.readinto(buf), buf, s.readinto(buf, 2), buf, s.read())
print(s.readinto(bytearray(3)))
try:
    s.seek(-1)
except OSError as e:
    print("OSError", e.args[0] > 0)
print(io.BytesIO(bytearray(b"ba")).read(), io.BytesIO(memoryview(b"mv")).read())


class Sink(io.IOBase):
    def __init__(self, fail):
        self.fail = fail
        self.got = []

    def write(self, b):
        if self.fail:
            self.fail -= 1
            return None
        self.got.append(bytes(b))
        return len(b)


k = Sink(0)
w = io.BufferedWriter(k, 4)
print(w.write(b"ab"), k.got)
print(w.write(b"cdefghij"), k.got)
w.flush()
print(k.got)
w.flush()
print(k.got)
k = Sink(1)
w = io.BufferedWriter(k, 8)
w.write(b"xy")
for _ in range(2):
    try:
        w.flush()
        print("flushed", k.got)
    except OSError:
        print("OSError")


class Lines(io.StringIO):
    pass


ls = Lines()
ls.write("one\ntwo\n")
ls.seek(0)
print([line for line in ls])


class A:
    pass


o = A()
print(struct.unpack("O", struct.pack("O", o))[0] is o)
print(struct.pack("<3H", 1), struct.pack("<hbs", 5), struct.calcsize("O") == struct.calcsize("P"))
