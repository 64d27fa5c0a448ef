class Field:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, owner):
        return "field " + self.name
class Model:
    title = Field()
    body = Field()
print(Model().title, Model().body)
