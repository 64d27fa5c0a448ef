import gc
class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt
head = None
for i in range(2000):
    head = Node(i, head)
    if i % 500 == 0:
        gc.collect()
n = 0
total = 0
while head:
    n += 1
    total += head.v
    head = head.nxt
print(n, total)
