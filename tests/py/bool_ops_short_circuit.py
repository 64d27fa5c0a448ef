calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), calls)
calls.clear()
print(t(1) or t(2), calls)
calls.clear()
print(t(1) and t(0) or t(3), calls)
print(not (t(0) or t("")), [] or {} or 0 or "last")
