# Empty list/tuple targets: `[] = []` used to move the VM stack pointer by 2**32 - 1.
[] = []
() = ()
[] = ()
[] = iter([])
print("ok")
for rhs in ([1], (1, 2), "a"):
    try:
        [] = rhs
    except ValueError:
        print("ValueError")
a, [] = 1, []
print(a)
for [] in [[], ()]:
    print("loop")
