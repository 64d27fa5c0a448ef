class Counter:
    total = 0
    def bump(self):
        type(self).total += 1
a = Counter()
b = Counter()
a.bump(); b.bump(); b.bump()
print(Counter.total, a.total)
