class Bank:
    def __init__(self):
        self.log = []
    def account(self, name):
        balance = 0
        log = self.log
        def deposit(n):
            nonlocal balance
            balance += n
            log.append((name, n))
            return balance
        return deposit
b = Bank()
x = b.account("x")
y = b.account("y")
print(x(10), y(5), x(1), b.log)
