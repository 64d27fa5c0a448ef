# sys.stdin/stdout/stderr and their .buffer streams.
import sys

for f in (sys.stdin, sys.stdout, sys.stderr):
    print("TextIOWrapper" in str(type(f)), "FileIO" in str(type(f.buffer)))
print(sys.stdout.write("text\n"))
print(sys.stdout.buffer.write(b"bytes\n"))
sys.stdout.buffer.write(bytearray(b"bytearray\n"))
sys.stdout.flush()
sys.stderr.write("")  # stderr is not compared; it must just work
