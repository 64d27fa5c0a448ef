def level3():
    raise IndexError("deep")
def level2():
    try:
        level3()
    except KeyError:
        print("wrong handler")
def level1():
    try:
        level2()
    except IndexError as e:
        print("level1 caught", e)
        return "handled"
print(level1())
