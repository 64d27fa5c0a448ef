# break/continue/return inside a finally body that overrides a pending return
# (the pending value used to stay on the VM stack and corrupt the loop).
def foo(x):
    for i in range(x):
        try:
            pass
        finally:
            try:
                try:
                    print(x, i)
                finally:
                    try:
                        1 / 0
                    finally:
                        return 42
            finally:
                print("continue")
                continue


print(foo(4))


def simple():
    for i in range(3):
        try:
            return i
        finally:
            print("fin", i)
            continue
    return "end"


print(simple())


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        print("exit")
        return False


def override_in_with():
    with CM():
        try:
            return 1
        finally:
            return 2


print(override_in_with())


def continue_in_with():
    for i in range(3):
        with CM():
            try:
                return i
            finally:
                if i < 2:
                    continue
    return "x"


print(continue_in_with())


def break_outer():
    for i in range(3):
        try:
            try:
                return i
            finally:
                print("inner", i)
        finally:
            if i == 1:
                break
    return "after"


print(break_outer())


def nested_loops():
    while True:
        try:
            return 1
        finally:
            for j in range(2):
                try:
                    return j + 10
                finally:
                    if j == 0:
                        continue
            break
    return "m"


print(nested_loops())
