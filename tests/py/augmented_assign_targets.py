class O:
    def __init__(self):
        self.count = 0
        self.items = [0, 0]
o = O()
o.count += 1
o.items[1] += 5
o.items[0] -= 1
d = {"a": [1]}
d["a"][0] *= 10
print(o.count, o.items, d)
