try:
    import ujson as json
except ImportError:
    import json
print(json.dumps([1]))
try:
    from collections import OrderedDict
except ImportError:
    OrderedDict = dict
print(list(OrderedDict([("a", 1)]).items()))
