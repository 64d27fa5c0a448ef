class AppError(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
class NotFound(AppError):
    pass
def lookup(k):
    raise NotFound("missing " + k, 404)
try:
    lookup("x")
except AppError as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, Exception))
class WithStr(Exception):
    def __str__(self):
        return "custom str"
try:
    raise WithStr()
except Exception as e:
    print(e, repr(e.args))
class Plain(ValueError):
    pass
try:
    raise Plain("a", "b")
except ValueError as e:
    print(e, e.args)
