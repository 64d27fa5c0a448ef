# The % operator: __int__, mappings used up, bad %c arguments.

class Int:
    def __int__(self):
        return 42

def show(fmt, args):
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError) as e:
        print(fmt, type(e).__name__)

show("%d", Int())
show("%5d|%-5d|%05d", (Int(), Int(), Int()))

# A mapping is the single positional argument: once a key has used it, a plain
# conversion has nothing left to take.
show("%(a)s", {"a": 1})
show("%(a)s %(a)s", {"a": 1})
show("%s %(a)s", {"a": 1})
show("%(a)s %s", {"a": 1})
show("%s", {})
show("plain", {})

# %c takes an int or a single character.
show("%c", 65)
show("%c", "z")
show("%c", "zz")
show("%c", "")
show("%3c|%-3c", ("a", 98))
