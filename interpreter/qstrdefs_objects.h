// Interned strings of one area under active work, folded into qstrdefs.h later (X-macro: Q/QS).
Q(__missing__)
Q(iterable)
Q(__dir__)
