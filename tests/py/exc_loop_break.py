result = []
for i in range(5):
    try:
        if i == 3:
            raise ValueError(i)
        result.append(i)
    except ValueError as e:
        result.append("err%d" % e.args[0])
        break
    else:
        result.append("else%d" % i)
print(result)
def first_even(xs):
    for x in xs:
        try:
            if x % 2 == 0:
                return x
        finally:
            result.append("checked%d" % x)
print(first_even([1, 3, 4, 5]), result[-3:])
