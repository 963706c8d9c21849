// The pixel <-> parameter map: node --test web/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Viewport, sampleValue, axisValue, axisFraction, clampWindow, TILE } from '../js/viewport.js';

const eta = { axis: 'eta', min: 0.85, max: 1.1, scale: 'linear' };
const eps = { axis: 'eps', min: 1e-4, max: 0.3, scale: 'log' };

test('samples are numpy.linspace / logspace values with exact ends', () => {
  assert.equal(sampleValue(eta, 0, 64), 0.85);
  assert.equal(sampleValue(eta, 63, 64), 1.1);
  assert.equal(sampleValue(eta, 1, 64), 0.85 + 1 * ((1.1 - 0.85) / 63));
  assert.equal(sampleValue(eps, 0, 5), 1e-4);
  assert.equal(sampleValue(eps, 4, 5), 0.3);
  const a = Math.log10(1e-4);
  assert.equal(sampleValue(eps, 2, 5), 10 ** (a + 2 * ((Math.log10(0.3) - a) / 4)));
});

test('axisValue and axisFraction are inverse, linear and log', () => {
  for (const axis of [eta, eps]) {
    for (const t of [0, 0.25, 0.5, 1]) {
      assert.ok(Math.abs(axisFraction(axis, axisValue(axis, t)) - t) < 1e-12);
    }
  }
});

test('row 0 is y min at the bottom of the screen; screen <-> normalised round-trips', () => {
  const vp = new Viewport(eta, eps, 256, 256);
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

test('the zoom level gives at least one plane pixel per screen pixel', () => {
  const vp = new Viewport(eta, eps, 256, 128);
  vp.resize(1000, 500);
  assert.equal(vp.zoom(), 2);
  vp.setWindow({ u0: 0, u1: 0.25, v0: 0, v1: 0.25 });
  assert.equal(vp.zoom(), 4);
  const { nx } = vp.pixels(vp.zoom());
  assert.ok(nx * 0.25 >= 1000);
});

test('pixelAt and pixelParameters name the run the server computes for that pixel', () => {
  const vp = new Viewport(eta, eps, 128, 128);
  const { gx, gy } = vp.pixelAt(0.5, 0, 1);
  assert.deepEqual({ gx, gy }, { gx: 128, gy: 0 });
  const p = vp.pixelParameters(gx, gy, 1);
  assert.equal(p.x, 0.85 + 128 * ((1.1 - 0.85) / 255));
  assert.equal(p.y, 1e-4);
});

test('tiles: extents abut, and the range covers the window', () => {
  const vp = new Viewport(eta, eps, 256, 256);
  vp.resize(512, 512);
  const a = vp.tileExtent(1, 0, 0);
  const b = vp.tileExtent(1, 1, 0);
  assert.equal(a.u1, b.u0);
  assert.ok(a.u0 < 0 && a.u0 > -0.01);
  vp.setWindow({ u0: 0.3, u1: 0.7, v0: 0, v1: 1 });
  const z = vp.zoom();
  const { range, count } = vp.tileRange(z);
  const first = vp.tileExtent(z, range.x0, range.y0);
  const last = vp.tileExtent(z, range.x1, range.y1);
  assert.ok(first.u0 <= 0.3 && last.u1 >= 0.7);
  assert.ok(first.v0 <= 0 && last.v1 >= 1);
  assert.equal(count, (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1));
  assert.equal(TILE, 128);
});

test('zoom keeps the point under the cursor; windows stay inside the plane', () => {
  const vp = new Viewport(eta, eps, 256, 256);
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
