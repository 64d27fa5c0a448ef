def down(n):
    return down(n + 1)
try:
    down(0)
except RuntimeError as e:
    print("RuntimeError")
def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print(ok(200))
class Loop:
    def __getattr__(self, name):
        return getattr(self, name)
try:
    Loop().a
except RuntimeError:
    print("RuntimeError getattr")
