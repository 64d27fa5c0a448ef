x = 42
name = "vpy"
print(f"x={x} name={name!r} {x * 2:>6} {x:#x} {3.14159:.2f}")
print(f"{'nested'} {{braces}} {x if x > 40 else 0}")
w = 8
print(f"{name:>{w}}|{x:0{w}d}")
print(f"{[1, 2, 3]} {dict(a=1)} {x!s} {None}")
print(f"{x=}", f"{x + 1 = }")
d = {"k": "v"}
print(f"{d['k']} {len(d)}")
print(f"multi {x}" f" part {name}")
