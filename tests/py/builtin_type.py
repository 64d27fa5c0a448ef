print(type(1).__name__, type(1.0).__name__, type("").__name__, type([]).__name__, type(()).__name__, type({}).__name__, type(set()).__name__)
print(type(None).__name__, type(len).__name__ in ("builtin_function_or_method", "function"), type(type).__name__)
class C: pass
print(type(C()) is C, type(C) is type, type(1) == int, type(True) is bool)
