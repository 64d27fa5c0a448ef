print("this file does not compile")
x = (1,
y = 2
