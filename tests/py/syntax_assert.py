assert True
assert 1 == 1, "never"
try:
    assert False
except AssertionError as e:
    print("failed", e.args)
try:
    assert 2 < 1, "two < one"
except AssertionError as e:
    print(e)
