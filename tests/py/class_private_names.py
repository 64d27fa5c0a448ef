class A:
    def __init__(self):
        self._protected = 1
    def _helper(self):
        return self._protected + 1
print(A()._helper(), A()._protected)
