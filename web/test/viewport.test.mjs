// The pixel <-> parameter map: node --test web/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Viewport, sampleValue, axisValue, axisFraction, clampWindow } from '../js/viewport.js';

const eta = { axis: 'eta', min: 0.85, max: 1.1, scale: 'linear' };
const eps = { axis: 'eps', min: 1e-4, max: 0.3, scale: 'log' };

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

test('axisValue and axisFraction are inverse, linear and log', () => {
  for (const axis of [eta, eps]) {
    for (const t of [0, 0.25, 0.5, 1]) {
      assert.ok(Math.abs(axisFraction(axis, axisValue(axis, t)) - t) < 1e-12);
    }
  }
});

test('row 0 is y min at the bottom of the screen; screen <-> normalised round-trips', () => {
  const vp = new Viewport(eta, eps);
  vp.resize(800, 600);
  assert.equal(vp.vToScreen(0), 600);
  assert.equal(vp.vToScreen(1), 0);
  assert.equal(vp.uToScreen(0), 0);
  vp.setWindow({ u0: 0.2, u1: 0.6, v0: 0.1, v1: 0.5 });
  for (const [x, y] of [[0, 0], [123.5, 77.25], [800, 600]]) {
    assert.ok(Math.abs(vp.uToScreen(vp.screenToU(x)) - x) < 1e-9);
    assert.ok(Math.abs(vp.vToScreen(vp.screenToV(y)) - y) < 1e-9);
  }
});

test('the grid point under a screen point is the nearest one, clamped to the grid', () => {
  const vp = new Viewport(eta, eps);
  assert.deepEqual(vp.gridPointAt(0.5, 0, 1025, 513), { column: 512, row: 0 });
  assert.deepEqual(vp.gridPointAt(0.50005, 0.9999, 1025, 513), { column: 512, row: 513 - 1 });
  assert.deepEqual(vp.gridPointAt(-0.2, 1.5, 1025, 513), { column: 0, row: 512 });
});

test('zoom keeps the point under the cursor; windows stay inside the plane', () => {
  const vp = new Viewport(eta, eps);
  vp.resize(400, 400);
  vp.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  const w = vp.zoomedAt(100, 300, 0.5);
  vp.setWindow(w);
  assert.ok(Math.abs(vp.screenToU(100) - 0.25) < 1e-12);
  assert.ok(Math.abs(vp.screenToV(300) - 0.25) < 1e-12);
  assert.deepEqual(clampWindow({ u0: -0.5, u1: 0.5, v0: 0.8, v1: 1.3 }),
    { u0: 0, u1: 1, v0: 0.5, v1: 1 });
  const tiny = clampWindow({ u0: 0.5, u1: 0.5, v0: 0, v1: 1 });
  assert.ok(tiny.u1 > tiny.u0);
});
