print(sorted({x % 5 for x in range(20)}), sorted({c.upper() for c in "hello"}), len({(i, i) for i in range(3)}))
