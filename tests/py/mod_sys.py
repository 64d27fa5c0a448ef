import sys
print(type(sys.argv), type(sys.path), sys.byteorder, sys.maxsize > 2 ** 30)
print(sys.version_info[0], len(sys.version_info) >= 3, type(sys.modules))
sys.stdout.write("written\n")
try:
    sys.exit(3)
except SystemExit as e:
    print("exit", e.args)
print("sys" in sys.modules)
