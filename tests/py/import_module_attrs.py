import _helper_mod
print(_helper_mod.__name__, hasattr(_helper_mod, "greet"), "value" in dir(_helper_mod))
import json
print(json.__name__)
