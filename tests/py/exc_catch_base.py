try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException", type(e).__name__)
try:
    raise SystemExit(2)
except SystemExit as e:
    print("SystemExit", e.args)
