pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
         (IndexError, LookupError), (UnboundLocalError, NameError), (NotImplementedError, RuntimeError),
         (IndentationError, SyntaxError), (StopIteration, Exception), (GeneratorExit, BaseException),
         (KeyboardInterrupt, BaseException), (SystemExit, BaseException), (Exception, BaseException),
         (ValueError, Exception), (TypeError, Exception), (AttributeError, Exception), (OSError, Exception),
         (KeyboardInterrupt, Exception), (GeneratorExit, Exception), (AssertionError, Exception)]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
