# print(..., file=f) calls f.write once per argument, separator and end.
class Log:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)
        return len(s)


f = Log()
print("ab", 12, None, sep="--", end="!\n", file=f)
print(f.calls)
print(file=f)
print(f.calls[-1:])
