class Thing:
    instances = 0
    def __init__(self, name):
        self.name = name
        Thing.instances += 1
        self.id = Thing.instances
    def __repr__(self):
        return "Thing(%s#%d)" % (self.name, self.id)
things = [Thing(n) for n in "abc"]
print(things, Thing.instances)
