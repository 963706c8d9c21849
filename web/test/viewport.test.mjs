// The pixel <-> parameter map: node --test web/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Viewport, sampleValue, axisValue, axisFraction, clampWindow } from '../js/viewport.js';

const eta = { axis: 'eta', min: 0.85, max: 1.1, scale: 'linear' };
const eps = { axis: 'eps', min: 1e-4, max: 0.3, scale: 'log' };

/** a equals b up to float64 rounding of a few operations. */
const near = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)),
  `${what}: ${a}, expected ${b}`);

// The server's values of these grid points (dev.brink.grid.Axis.value, printed by Java's
// Double.toString): the client labels a point as the server computes it, the same bits on a
// linear axis, within an ulp on a log axis (JavaScript's pow is not Java's StrictMath.pow).
test("grid point values are the server's: linear exactly, log within an ulp", () => {
  for (const [i, n, v] of [[0, 64, 0.85], [1, 64, 0.8539682539682539], [37, 64,
    0.9968253968253968], [63, 64, 1.1], [300, 1553, 0.8983247422680413],
  [1024, 2049, 0.9750000000000001]]) {
    assert.equal(sampleValue(eta, i, n), v, `eta ${i} of ${n}`);
  }
  for (const [i, n, v] of [[0, 5, 1e-4], [2, 5, 0.005477225575051662], [4, 5, 0.3],
    [123, 305, 0.0025518877098038477]]) {
    assert.ok(Math.abs(sampleValue(eps, i, n) - v) <= Number.EPSILON * v, `eps ${i} of ${n}`);
  }
});

test('axis values: linear by equal differences, log by equal ratios; axisFraction inverts', () => {
  // eta spans 0.25: a fifth of it is 0.05, half of it 0.125.
  near(axisValue(eta, 0), 0.85, 'eta at 0');
  near(axisValue(eta, 0.2), 0.9, 'eta at 0.2');
  near(axisValue(eta, 0.5), 0.975, 'eta at 0.5');
  near(axisValue(eta, 1), 1.1, 'eta at 1');
  near(axisFraction(eta, 0.9), 0.2, 'fraction of eta 0.9');
  // The middle of a log axis is the geometric mean of its ends, sqrt(1e-4 * 0.3); each quarter
  // multiplies by the same factor, (0.3 / 1e-4)^(1/4) = 3000^(1/4) = 7.4008...
  near(axisValue(eps, 0), 1e-4, 'eps at 0');
  near(axisValue(eps, 0.5), Math.sqrt(3e-5), 'eps at 0.5');
  near(axisValue(eps, 1), 0.3, 'eps at 1');
  for (const t of [0, 0.25, 0.5]) {
    near(axisValue(eps, t + 0.25) / axisValue(eps, t), 7.400828044922853, `ratio at ${t}`);
  }
  near(axisFraction(eps, Math.sqrt(3e-5)), 0.5, 'fraction of the geometric mean');
  for (const axis of [eta, eps]) {
    for (const t of [0, 0.25, 0.5, 1]) {
      assert.ok(Math.abs(axisFraction(axis, axisValue(axis, t)) - t) < 1e-12);
    }
  }
});

test('row 0 is y min at the bottom of the screen; the window maps onto the plot', () => {
  const vp = new Viewport(eta, eps);
  vp.resize(800, 600);
  assert.equal(vp.vToScreen(0), 600);
  assert.equal(vp.vToScreen(1), 0);
  assert.equal(vp.uToScreen(0), 0);
  assert.equal(vp.uToScreen(1), 800);
  // A window 0.4 wide and high: 800 / 0.4 = 2000 px per unit of u, 600 / 0.4 = 1500 of v.
  vp.setWindow({ u0: 0.2, u1: 0.6, v0: 0.1, v1: 0.5 });
  near(vp.uToScreen(0.2), 0, 'u0 at the left edge');
  near(vp.uToScreen(0.3), 200, 'u 0.3: 0.1 * 2000 px');
  near(vp.uToScreen(0.6), 800, 'u1 at the right edge');
  near(vp.uToScreen(0), -400, 'left of the window: off screen');
  near(vp.vToScreen(0.1), 600, 'v0 at the bottom');
  near(vp.vToScreen(0.2), 450, 'v 0.2: 0.1 * 1500 px above the bottom');
  near(vp.vToScreen(0.5), 0, 'v1 at the top');
  near(vp.screenToU(200), 0.3, 'x 200');
  near(vp.screenToV(450), 0.2, 'y 450');
  for (const [x, y] of [[0, 0], [123.5, 77.25], [800, 600]]) {
    assert.ok(Math.abs(vp.uToScreen(vp.screenToU(x)) - x) < 1e-9);
    assert.ok(Math.abs(vp.vToScreen(vp.screenToV(y)) - y) < 1e-9);
  }
  // A plot of no size is taken as 1 x 1 px, so that nothing divides by zero.
  vp.resize(0, -5);
  vp.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  assert.equal(vp.uToScreen(1), 1);
  assert.equal(vp.vToScreen(0), 1);
});

test('the grid point under a screen point is the nearest one, clamped to the grid', () => {
  const vp = new Viewport(eta, eps);
  assert.deepEqual(vp.gridPointAt(0.5, 0, 1025, 513), { column: 512, row: 0 });
  assert.deepEqual(vp.gridPointAt(0.50005, 0.9999, 1025, 513), { column: 512, row: 512 });
  assert.deepEqual(vp.gridPointAt(-0.2, 1.5, 1025, 513), { column: 0, row: 512 });
  // 11 x 5 points: u 0.34 is 3.4 intervals in (nearest 3), 0.36 is 3.6 (4); v 0.124 is 0.496
  // of an interval (0), 0.126 is 0.504 (1).
  assert.deepEqual(vp.gridPointAt(0.34, 0.124, 11, 5), { column: 3, row: 0 });
  assert.deepEqual(vp.gridPointAt(0.36, 0.126, 11, 5), { column: 4, row: 1 });
});

test('zoom keeps the point under the cursor; pans and boxes move the window by hand', () => {
  const vp = new Viewport(eta, eps);
  vp.resize(400, 400);
  vp.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  // Screen (100, 300) is u = 100 / 400 = 0.25 and v = (400 - 300) / 400 = 0.25; zooming in by
  // 2 halves its distance to each side: 0.25 - 0.25 / 2 and 0.25 + 0.75 / 2.
  const w = vp.zoomedAt(100, 300, 0.5);
  assert.deepEqual(w, { u0: 0.125, u1: 0.625, v0: 0.125, v1: 0.625 });
  vp.setWindow(w);
  assert.ok(Math.abs(vp.screenToU(100) - 0.25) < 1e-12);
  assert.ok(Math.abs(vp.screenToV(300) - 0.25) < 1e-12);
  vp.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  assert.deepEqual(vp.zoomedAt(100, 300, 2), { u0: 0, u1: 1, v0: 0, v1: 1 },
    'no zooming out of the plane');

  // A window half the plane: a drag of 100 px is 100 / 400 * 0.5 = 0.125. Dragging right
  // brings in what is left (lower u), dragging down what is above (higher v).
  vp.setWindow({ u0: 0.25, u1: 0.75, v0: 0.25, v1: 0.75 });
  assert.deepEqual(vp.pannedBy(100, 100), { u0: 0.125, u1: 0.625, v0: 0.375, v1: 0.875 });
  const grabbed = [vp.screenToU(50), vp.screenToV(70)];
  vp.setWindow(vp.pannedBy(100, 100));
  near(vp.screenToU(150), grabbed[0], 'the grabbed point follows the cursor (u)');
  near(vp.screenToV(170), grabbed[1], 'the grabbed point follows the cursor (v)');
  vp.setWindow({ u0: 0.25, u1: 0.75, v0: 0.25, v1: 0.75 });
  assert.deepEqual(vp.pannedBy(-400, 0), { u0: 0.5, u1: 1, v0: 0.25, v1: 0.75 },
    'a pan past the edge stops at it, the window keeping its size');

  // A box from screen (100, 300) to (300, 100), drawn either way: u and v 0.25 to 0.75 of
  // the full window.
  vp.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  const box = { u0: 0.25, u1: 0.75, v0: 0.25, v1: 0.75 };
  assert.deepEqual(vp.boxed(100, 300, 300, 100), box);
  assert.deepEqual(vp.boxed(300, 100, 100, 300), box);
});

test('windows stay inside the plane, each side between 2^-36 and 1', () => {
  assert.deepEqual(clampWindow({ u0: -0.5, u1: 0.5, v0: 0.8, v1: 1.3 }),
    { u0: 0, u1: 1, v0: 0.5, v1: 1 });
  assert.deepEqual(clampWindow({ u0: -1, u1: 3, v0: 0.25, v1: 0.5 }),
    { u0: 0, u1: 1, v0: 0.25, v1: 0.5 }, 'wider than the plane: all of it');
  // An empty side becomes the smallest, 2^-36, around its centre.
  assert.deepEqual(clampWindow({ u0: 0.5, u1: 0.5, v0: 0, v1: 1 }),
    { u0: 0.5 - 2 ** -37, u1: 0.5 + 2 ** -37, v0: 0, v1: 1 });
});
