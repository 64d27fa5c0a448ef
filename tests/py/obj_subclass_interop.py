# Instances of classes derived from str, list and int mixed with builtin values and functions.
class S(str): pass
class L(list): pass
class I(int): pass
print(S('a') in 'abc', 'abc'.startswith(S('a')), 'x'.join(L(['a', 'b'])), 'abc'.find(S('c')))
print(int(S('12')), float(S('1.5')), I(3) in [1, 2, 3], [1, 2, 3].index(I(2)), {I(1): 'one'}[1])
print(range(I(3)), 'ab' * I(2), [0] * I(2), I(7) % 3, 7 % I(3), I(5) & 1, I(6) >> 1, round(I(7)))
print(S('%d') % 4, f"{S('x')}", '{:>3}'.format(S('a')), str(I(9)), hex(I(255)))
d = {}
d[S('k')] = 1
print(d, d['k'], 'k' in d, sorted([I(3), 1, I(2)]), min(S('b'), 'a'), S('b') < 'c', 'c' > S('b'))
print(bool(L()), bool(L([0])), not S(''), len(S('héllo')), S('ab')[::-1], list(S('ab')), abs(I(-2)))
import math
print(math.sqrt(I(16)), divmod(7, I(2)), pow(I(2), 3), isinstance(I(1), int), issubclass(I, int))
