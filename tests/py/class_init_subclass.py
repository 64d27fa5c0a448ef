class Plugin:
    registry = []
    def __init_subclass__(cls, **kw):
        Plugin.registry.append(cls.__name__)
class A(Plugin):
    pass
class B(Plugin):
    pass
print(Plugin.registry)
