# OrderedDict: equality between two of them depends on order; against a dict it does not.
from collections import OrderedDict

x = OrderedDict()
x["a"] = 1
x["b"] = 2
y = OrderedDict([("b", 2), ("a", 1)])
print(x == y, x != y, y == x)
del y["b"]
y["b"] = 2
print(x == y, x != y)
print(x == {"b": 2, "a": 1}, {"b": 2, "a": 1} == x)
del x["a"]
print(x == y, list(x.items()))
print(OrderedDict() == OrderedDict(), OrderedDict(a=1) == OrderedDict(a=2))
print(x, OrderedDict())
