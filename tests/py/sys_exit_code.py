import sys
print("exiting")
sys.exit(0)
print("not reached")
