# Mandelbrot set on a small grid plus an n-body style update: float-heavy.
def mandel(w, h, iters):
    total = 0
    for y in range(h):
        ci = y * 2.0 / h - 1.0
        for x in range(w):
            cr = x * 3.0 / w - 2.0
            zr = zi = 0.0
            n = 0
            while n < iters and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                n += 1
            total += n
    return total


def nbody(steps):
    bodies = [[0.0, 0.0, 0.0, 0.0, 10.0], [1.0, 0.0, 0.0, 1.0, 0.1], [-2.0, 0.5, 0.3, -0.6, 0.2]]
    dt = 0.01
    for _ in range(steps):
        for i in range(len(bodies)):
            bi = bodies[i]
            for j in range(i + 1, len(bodies)):
                bj = bodies[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                d2 = dx * dx + dy * dy + 0.01
                mag = dt / (d2 * d2 ** 0.5)
                bi[2] -= dx * bj[4] * mag
                bi[3] -= dy * bj[4] * mag
                bj[2] += dx * bi[4] * mag
                bj[3] += dy * bi[4] * mag
        for b in bodies:
            b[0] += dt * b[2]
            b[1] += dt * b[3]
    return round(sum(b[0] + b[1] for b in bodies), 6)


print("mandel", mandel(160, 100, 100), "nbody", nbody(30000))
