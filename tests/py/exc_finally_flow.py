def f(x):
    try:
        if x == 1:
            return "ret1"
        if x == 2:
            raise ValueError
        return "ret0"
    except ValueError:
        return "except"
    finally:
        print("finally", x)
print(f(0), f(1), f(2))
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(5):
        try:
            if i % 2:
                continue
            print("body", i)
        finally:
            print("fin", i)
        if i == 3:
            break
h()
def nested():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
def swallow():
    try:
        raise KeyError
    finally:
        return "swallowed"
print(swallow())
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("while fin", count)
