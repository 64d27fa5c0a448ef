try:
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")
except KeyError as e:
    print("got KeyError", e.args)
except ValueError:
    print("got ValueError")
