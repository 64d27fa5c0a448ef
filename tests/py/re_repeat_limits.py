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
