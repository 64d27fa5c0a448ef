# Scope rules: bare annotations, deleted cells, := in comprehensions, classes
# between a function and its methods' free variables.


# A bare annotation makes the name local; one on an attribute binds nothing.
def ann():
    x: int
    try:
        print(x)
    except NameError:
        print("NameError")


x = "global x"


def ann_attr():
    x.y: int
    print(x)


ann()
ann_attr()


# Deleting a cell variable empties it; deleting it again is a NameError.
def del_cell():
    v = 1

    def get():
        return v

    del v
    try:
        get()
    except NameError:
        print("NameError get")

    def again():
        nonlocal v
        del v

    try:
        again()
    except NameError:
        print("NameError del")


del_cell()


# := in a comprehension binds in the enclosing function, or honours its global.
def walrus_local():
    total = 0
    print([total := total + i for i in range(4)], total)
    print(any((hit := i) > 1 for i in range(5)), hit)


def walrus_global():
    global wg
    print([wg := i for i in range(3)])


def walrus_nonlocal():
    def inner():
        nonlocal wn
        [wn := i * 10 for i in range(3)]

    wn = 0
    inner()
    return wn


walrus_local()
walrus_global()
print(wg)
print(walrus_nonlocal())
[wm := i for i in range(2)]
print(wm)

for src in ["[i := 0 for i in range(2)]", "[[(i := j) for i in range(2)] for j in range(2)]"]:
    try:
        exec(src)
        print("no error")
    except SyntaxError:
        print("SyntaxError")


# Methods close over the enclosing function's variables through the class body,
# even when the class body has a name of its own that is the same.
def make(x):
    def helper():
        return x * 2

    class A:
        x = "class attr"

        def get(self):
            return x, helper()

        def nested(self):
            def g():
                return x + 1

            return g()

    x += 1
    return A


A = make(10)
print(A.x, A().get(), A().nested())


def deep():
    y = "deep"

    class B:
        class C:
            def m(self):
                return y

    return B.C().m()


print(deep())
