# for-loops over range(): the VM keeps the loop state on its stack when the callee is the
# builtin range with small ints, and falls back to a real range iterator otherwise. Both
# must behave exactly like iterating a range object.
for i in range(3):
    print(i, end=" ")
for i in range(10, 0, -3):
    print(i, end=" ")
for i in range(-5, 5, 4):
    print(i, end=" ")
for i in range(2, 2):
    print("never")
else:
    print("else")
for i in range(3, 0):
    print("never")
print()

# range rebound: the loop calls whatever the name holds.
range_saved = range
range = lambda n: [n, n]
for i in range(7):
    print(i, end=" ")
range = range_saved
print()

# arguments that are not small ints go through range itself.
for i in range(True, 3):
    print(i, end=" ")
print()
try:
    for i in range(1.5):
        pass
except TypeError:
    print("TypeError")
try:
    for i in range(0, 5, 0):
        pass
except ValueError:
    print("ValueError")

# evaluation order: callee, then arguments, each once.
def arg(v):
    print("arg", v)
    return v

for i in range(arg(1), arg(4), arg(2)):
    print("i", i)


# break, continue, return, exceptions and generators with the three-slot loop state.
def first_over(limit):
    for i in range(100):
        if i * i > limit:
            return i
    return None


print(first_over(50), first_over(10**6))
for i in range(6):
    if i == 1:
        continue
    if i == 4:
        break
    print("body", i)
else:
    print("not reached")


def gen(n):
    for i in range(n):
        yield i * i


print(list(gen(5)), sum(gen(100)))
total = 0
for i in range(3):
    for j in range(i, 3):
        try:
            if j == 2:
                raise KeyError(j)
            total += j
        except KeyError:
            total += 100
        finally:
            total += 1000
print(total)


def nested_return():
    for i in range(3):
        for j in range(3):
            try:
                if i == 1 and j == 1:
                    return (i, j)
            finally:
                pass
    return None


print(nested_return())
# the loop variable is bound after the loop as usual; large bounds near the word size.
for k in range(5):
    pass
print(k)
big = 2**29
print(list(range(big - 2, big + 1)), len([x for x in range(-3, 3)]))
r = range(3)
for i in r:
    for j in r:
        print(i + j, end=" ")
print()
