from . import pkg_value
def where():
    return "sub of " + pkg_value
