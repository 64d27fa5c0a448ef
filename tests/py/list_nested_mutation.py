grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[0][0] = 9
print(shared)
row = grid[2]
row.append(7)
print(grid[2], len(grid[2]))
