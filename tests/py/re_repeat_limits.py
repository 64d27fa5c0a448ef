# Repeat counts in the compact re engine: ordinary ones work, absurd ones are refused with an
# error instead of overflowing (found by fuzz_vpy) or exhausting memory.
import re

print(re.match("a{3}", "aaaa").group(), re.match("a{2,3}b", "aaab").group())
for p in ("a{5555555555}", "a{2,99999999999}", "a{70000}"):
    try:
        re.compile(p)
        print(p, "compiled")
    except Exception as e:
        print(p, type(e).__name__)
# A quantifier on a quantifier is refused (a nested repeat would backtrack exponentially;
# fuzz_vpy found r"\d*+" spending seconds); lazy quantifiers and grouped repeats still work.
for p in (r"\d*+", r"a**", r"a{2}{3}"):
    try:
        re.compile(p)
        print(p, "compiled")
    except Exception as e:
        print(p, type(e).__name__)
print(re.match(r"(ab)*?c", "ababc").group(), re.match(r"a+?", "aaa").group())
