words = ["banana", "Apple", "cherry", "apple", "", "a"]
print(sorted(words), sorted(words, key=str.lower), min(words), max(words))
print("a" < "b", "B" < "a", "abc" < "abcd", "" < "a", "z" > "aa")
print("abc" == "abc", "abc" is not None, "ab" + "c" == "abc", "x" * 3 == "xxx")
print(str(3) + "3", repr("3"), str("x"), "abc"[1:2] in "abc", "d" in "abc")
print(hash("x") == hash("x"), len(""), bool(""), bool("0"))
