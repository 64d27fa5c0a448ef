# deque: negative maxlen, and MicroPython's third argument (True: a full deque
# refuses new items, an empty one says so).
from collections import deque

try:
    deque((), -1)
except ValueError:
    print("ValueError")

d = deque((), 2, True)
for pop in (d.pop, d.popleft):
    try:
        pop()
    except IndexError as e:
        print("IndexError", e.args)
d.append(1)
d.appendleft(0)
for push in (d.append, d.appendleft):
    try:
        push(9)
    except IndexError as e:
        print("IndexError", e.args)
print(list(d), len(d))
print(d.popleft(), d.pop(), len(d))

# Without the flag a full deque drops from the other end.
d = deque((), 2)
for i in range(4):
    d.append(i)
print(list(d))
try:
    del d[0]
except TypeError:
    print("TypeError")
