def f():
    """Docstring."""
    return 1
class C:
    """Class doc."""
    def m(self):
        "method doc"
        return 2
"""module level string"""
print(f(), C().m())
