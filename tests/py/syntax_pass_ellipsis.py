def stub():
    pass
def stub2():
    ...
class Empty:
    pass
print(stub(), stub2(), Empty.__name__, ..., type(...).__name__, Ellipsis is ...)
