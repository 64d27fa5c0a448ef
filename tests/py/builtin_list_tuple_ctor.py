print(list(), list("ab"), list(range(3)), list((1, 2)), list({3: 4}), list(x for x in "xy"))
print(tuple(), tuple([1]), tuple("ab"), tuple(range(2)), tuple({5}))
