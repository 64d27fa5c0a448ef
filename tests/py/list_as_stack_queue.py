stack = []
for i in range(5):
    stack.append(i)
while stack:
    print(stack.pop(), end=" ")
print()
q = [1, 2, 3]
q.append(4)
print(q.pop(0), q.pop(0), q)
