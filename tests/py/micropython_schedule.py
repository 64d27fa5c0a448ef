# micropython.schedule queues a callback for the VM's next safe point (a backward jump, a
# loop step, a sleep); callbacks never nest, and the queue holds four.
import micropython
import time

log = []


def note(arg):
    log.append(arg)


micropython.schedule(note, "first")
print("not yet:", log)
while not log:
    pass
print("after a loop:", log)

# Scheduled from inside a callback: runs after the running one returns, in the same pass.
log.clear()


def outer(arg):
    micropython.schedule(note, "inner")
    for _ in range(3):
        pass
    log.append("outer done")


micropython.schedule(outer, None)
while len(log) < 2:
    pass
print(log)

# sleep(0) is a safe point too.
log.clear()
micropython.schedule(note, "slept")
time.sleep(0)
print(log)

# The queue is full after four.
def fill(arg):
    n = 0
    try:
        for _ in range(10):
            micropython.schedule(note, n)
            n += 1
    except RuntimeError as e:
        print("RuntimeError:", e, "after", n)


log.clear()
micropython.schedule(fill, None)
time.sleep_ms(0)
print(sorted(log))

# An exception in a callback reaches the code that was running.
def boom(arg):
    raise ValueError(arg)


micropython.schedule(boom, "from a callback")
try:
    for _ in range(10):
        pass
except ValueError as e:
    print("caught", e)
micropython.schedule(note, "still works")
time.sleep(0)
print(log[-1])
