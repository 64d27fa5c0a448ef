words = ["pear", "Apple", "banana", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), max(words), min(words))
print("abc" < "abd" < "b", "Z" < "a", "a" * 3 > "a" * 2)
