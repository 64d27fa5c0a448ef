def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
print([classify(n) for n in (-5, 0, 3, 42, 1000)])
if 0:
    print("no")
elif []:
    print("no")
else:
    print("else branch")
