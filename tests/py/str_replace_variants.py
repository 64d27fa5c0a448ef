print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("x", "y"), "aa".replace("aa", ""), "abab".replace("ab", "ba", 1))
