import random
random.seed(42)
vals = [random.random() for _ in range(100)]
print(all(0 <= v < 1 for v in vals), len(set(vals)) > 90)
ints = [random.randint(1, 6) for _ in range(200)]
print(min(ints) >= 1, max(ints) <= 6, len(set(ints)) == 6)
print(all(0 <= random.randrange(10) < 10 for _ in range(50)), random.randrange(5, 6), random.randrange(0, 10, 5) in (0, 5))
seq = ["a", "b", "c"]
print(random.choice(seq) in seq, 0 <= random.getrandbits(8) < 256, random.getrandbits(0))
u = random.uniform(2, 3)
print(2 <= u <= 3)
l = list(range(10))
random.shuffle(l)
print(sorted(l) == list(range(10)))
