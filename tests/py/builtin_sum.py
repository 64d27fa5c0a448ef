print(sum([]), sum([1, 2, 3]), sum([1.5, 2.5]), sum(range(101)), sum([[1], [2]], []), sum((1, 2), 10), sum(x * x for x in range(4)))
print(sum([2**64, 2**64]), sum([True, True]), sum([0.1] * 10))
