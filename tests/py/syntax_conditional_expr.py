for x in (-2, 0, 3):
    print("neg" if x < 0 else "zero" if x == 0 else "pos")
f = lambda v: v if v else "empty"
print(f(0), f("a"), [y if y % 2 else -y for y in range(5)])
