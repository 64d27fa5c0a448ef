class MyError(Exception):
    pass

def fail():
    raise MyError("custom message")

def wrap():
    try:
        fail()
    except MyError:
        print("seen, re-raising")
        raise

wrap()
