errs = [KeyError, IndexError, ZeroDivisionError, ValueError]
for E in errs:
    try:
        raise E("m")
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__)
    except ArithmeticError:
        print("arith")
    except Exception as e:
        print("other", e)
