import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zoomWindow } from '../js/zoom.js';

test('the whole plane: centre and width of the axes', () => {
  const z = zoomWindow({ x: 'eta:0.85:1.1', y: 'eps:0:0.3', window: { u0: 0, u1: 1, v0: 0, v1: 1 } });
  assert.ok(Math.abs(z.center[0] - 0.975) < 1e-12);
  assert.ok(Math.abs(z.center[1] - 0.15) < 1e-12);
  assert.ok(Math.abs(z.width - 0.25) < 1e-12);
});

test('a zoomed window on log axes: centre and width in decades', () => {
  const z = zoomWindow({ x: 'eta0:0.001:1000000:log', y: 'eta1:0.001:1000000:log',
    window: { u0: 0.5, u1: 0.75, v0: 0, v1: 0.5 } });
  // log10 from -3 to 6: u in [0.5, 0.75] is [1.5, 3.75] decades.
  assert.ok(Math.abs(z.center[0] - 2.625) < 1e-12);
  assert.ok(Math.abs(z.width - 2.25) < 1e-12);
  assert.ok(Math.abs(z.center[1] - (-0.75)) < 1e-12);
});
