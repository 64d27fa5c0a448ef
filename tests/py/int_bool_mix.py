print(True + True, True * 3, False - 1, True / 2, True // 1, -True, ~True, True & 3, True | False, True ^ True)
print(isinstance(True, int), True == 1, False == 0, hash(True) == hash(1), {1: "a", True: "b"})
print(sum([True, True, False]), max(True, 0), int(True), str(True), repr(False), bool(-1))
