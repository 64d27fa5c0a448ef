for s in ("hello", "HELLO", "Hello World", "123", "a1", "", " ", "Title Case"):
    print(repr(s), s.isupper(), s.islower(), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.upper(), s.lower())
