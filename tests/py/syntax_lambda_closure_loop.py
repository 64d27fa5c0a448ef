funcs = []
for i in range(3):
    funcs.append(lambda i=i: i * 10)
print([f() for f in funcs])
adders = {n: (lambda x, n=n: x + n) for n in range(3)}
print(adders[2](5))
