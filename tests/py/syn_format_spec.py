# format() and str.format() specs: bools, 'c', zero padding, grouping, spec errors.


def show(fmt, *args):
    try:
        print(fmt, repr(fmt.format(*args)))
    except (ValueError, IndexError, KeyError) as e:
        print(fmt, type(e).__name__)


# A bool with a non-empty spec formats as an int; an empty spec gives str().
show("{}", True)
show("{:}", False)
show("{:5}", True)
show("{:d}", False)
show("{:x}", True)
show("{:s}", True)

# 'c' is an integer presentation: right-aligned by default.
show("{:4c}", 65)
show("{:<4c}", 65)
show("{:+c}", 65)

# Zero padding of strings fills with '0' on the aligned side.
show("{:06s}", "ab")
show("{:<06s}", "ab")
show("{:>06s}", "ab")
show("{:^06s}", "ab")
show("{:x>06s}", "ab")

# Zero padding with grouping pads the digits, separators included.
for w in range(1, 10):
    show("{:0%d,d}" % w, 7)
for w in range(1, 10):
    show("{:0%d_x}" % w, 255)
show("{:010,d}", -1234)
show("{:012,.2f}", 1234.5)
show("{:012,.2f}", -1234.5)
show("{:x<10,d}", 1234)

# Errors in specs and fields.
show("{:=}", "abc")
show("{:+s}", "abc")
show("{: s}", "abc")
show("{:-s}", "abc")
show("{!", "a")
show("{!x}", "a")
show("{!r", "a")
show("{!r x}", "a")
show("{abc", "a")
show("{0", "a")
show("{:*^", "a")
show("{0:{1}", "a", 5)
show("}", "a")
show("{}{0}", 1, 2)
show("{0}{}", 1, 2)
show("{}{}", 1)

# Fields still work in all their forms.
show("{0!r:>8}", "ab")
show("{!s:^7}", "ab")
show("{0[1]}{0[0]}", "ab")
show("{:{}{}}", 42, ">", 6)
print("{:{w}.{p}f}".format(3.14159, w=9, p=2))
