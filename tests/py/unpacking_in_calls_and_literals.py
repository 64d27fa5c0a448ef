def f(*args, **kwargs):
    return len(args), sorted(kwargs)
lst = [1, 2]
dct = {"a": 1}
print(f(*lst, *lst), f(**dct, b=2), f(*range(5), **{"x": 1, "y": 2}))
print([*lst, *"xy", *range(2)], {**dct, "z": 0}, (*lst,), {*lst, 5})
