# Python 3.12 allows a field to hold a string with the f-string's own quotes.
x = 1
print(f"a{f"b{x}c"}d")
print(f"a{f"b{f"c{f"d{x}e"}f"}g"}h")
print(f'{'x' + 'y'}')
print(f"{"}"}{"{"}")
print(f"""{f"""{x}"""}""")
print(f"{x:{"^"}5}|")
print(rf"\n{f"\t"!r}")
