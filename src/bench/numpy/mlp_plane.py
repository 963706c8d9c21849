"""The mlp family's overview plane in float64 numpy, batched as brink's kernel is: every pixel
of a batch shares X, so each step is two stacked matrix products (X W0 forward, X^T G backward)
and numpy's tanh. The same model, data (SplitMix64 from seed 0, Box-Muller) and convergence
measure as brink's (docs/science.md, Neural networks); operations are rounded differently, so a
pixel within an ulp's effect of the boundary may fall the other way.

Usage: python3 mlp_plane.py SIDE [--classes FILE]
Trains the SIDE x SIDE grid of log10(eta0), log10(eta1) in [-3, 6] (tanh, d = n = 16, P = 272,
T = 100) in one batch, then multiplies two 2048 x 2048 float64 matrices (best of 3). Prints
pixel-steps/s, GFLOP/s (brink's count of a step's flops) and the DGEMM GFLOP/s; with
--classes, writes each pixel's class (1 = not trainable), row by row, as a line of 0s and 1s.
"""
import math
import sys
import time

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        u1, u2 = self.uniform(), self.uniform()
        r = math.sqrt(-2 * math.log(1 - u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)


def data(d, n, p, seed=0):
    g = SplitMix64(seed)
    draw = lambda k: np.array([g.normal() for _ in range(k)])
    w0 = draw(d * n).reshape(d, n)
    w1 = draw(n)
    x = draw(p * d).reshape(p, d)
    y = draw(p)
    return w0, w1, x, y


def train(eta0, eta1, w0, w1, x, y, steps):
    """Trains len(eta0) pixels at once; returns (trainable, value) arrays."""
    d, n = w0.shape
    p = x.shape[0]
    xs = x * math.sqrt(2.0 / d)
    b = eta0.shape[0]
    W0 = np.repeat(w0[None], b, axis=0)
    W1 = np.repeat(w1[None], b, axis=0)
    losses = np.empty((b, steps))
    for t in range(steps):
        h = np.tanh(np.matmul(xs, W0))                     # (b, p, n)
        r = np.matmul(h, W1[:, :, None])[:, :, 0] / n - y  # (b, p)
        losses[:, t] = np.mean(r * r, axis=1)
        e = r * (2.0 / p)
        g1 = np.einsum('bp,bpj->bj', e, h)
        g = e[:, :, None] * (W1 / n)[:, None, :] * (1 - h * h)
        g0 = np.matmul(xs.T, g)                            # (b, d, n)
        W0 -= eta0[:, None, None] * g0
        W1 -= eta1[:, None] * (g1 / n)
    with np.errstate(invalid='ignore', divide='ignore', over='ignore'):
        v = losses / losses[:, :1]
        v = np.where(np.isfinite(v), v, 1e6)
        v = np.minimum(v, 1e6)
        trainable = np.mean(v[:, -20:], axis=1) < 1
        value = np.where(trainable, -np.sum(v, axis=1), np.sum(1 / v, axis=1))
    return trainable, value


def main():
    side = int(sys.argv[1])
    classes = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == '--classes' else None
    d = n = 16
    p = d * n + n
    steps = 100
    w0, w1, x, y = data(d, n, p)
    grid = np.logspace(-3, 6, side)
    eta0 = np.tile(grid, side)       # column (x) fastest: row by row
    eta1 = np.repeat(grid, side)
    start = time.perf_counter()
    with np.errstate(over='ignore', invalid='ignore'):
        trainable, _ = train(eta0, eta1, w0, w1, x, y, steps)
    seconds = time.perf_counter() - start
    pixel_steps = side * side * steps
    flops = 2 * p * d * n * 2 + 6 * p * n + 2 * (d * n + n)
    rate = pixel_steps / seconds
    a = np.random.rand(2048, 2048)
    c = np.random.rand(2048, 2048)
    a @ c
    best = min(timed(lambda: a @ c) for _ in range(3))
    print('numpy %s: %dx%d mlp plane, %d pixel-steps in %.2f s: %.4g pixel-steps/s, %.2f GFLOP/s;'
          ' trainable fraction %.4f; DGEMM 2048: %.1f GFLOP/s'
          % (np.__version__, side, side, pixel_steps, seconds, rate, rate * flops / 1e9,
             np.mean(trainable), 2 * 2048 ** 3 / best / 1e9))
    if classes:
        with open(classes, 'w') as f:
            f.write(''.join('0' if t else '1' for t in trainable) + '\n')


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


if __name__ == '__main__':
    main()
