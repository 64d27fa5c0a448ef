from _helper_all import *
print(public_a, public_b)
try:
    print(hidden)
except NameError:
    print("hidden not imported")
