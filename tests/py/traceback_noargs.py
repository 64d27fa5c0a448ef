# An exception without arguments still prints "Name: " in a traceback, as in MicroPython.
print("before")
raise ValueError
