from micropython import const
X = const(10)
Y = const(X * 2)
print(X, Y)
import micropython
print(micropython.opt_level() >= 0)
micropython.opt_level(1)
print(micropython.opt_level())
