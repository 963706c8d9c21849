import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHash, toHash, presetState, parseAxis, axisText, PRESETS } from '../js/state.js';
import { linearTicks, logTicks, formatTick } from '../js/ticks.js';
import { fitAlpha } from '../js/fit.js';
import { paperMap, spectralMap } from '../js/colors.js';

/** RGBA pixels from values with a colour map, as the page paints them. */
function colorize(values, map, rgba) {
  for (let k = 0; k < values.length; k++) map(values[k], rgba, k * 4);
  return rgba;
}

test('a state survives the URL: plane and line', () => {
  for (const name of Object.keys(PRESETS)) {
    const s = presetState(name);
    assert.deepEqual(fromHash('#' + toHash(s)), s);
  }
  const zoomed = presetState('transition');
  zoomed.plane.window = { u0: 0.1234567890123, u1: 0.2, v0: 0.3, v1: 0.45 };
  zoomed.colormap = 'spectral';
  assert.deepEqual(fromHash(toHash(zoomed)), zoomed);
});

test('hashes without a state are not states', () => {
  assert.equal(fromHash(''), null);
  assert.equal(fromHash('#mode=plane'), null);
});

test('axis specs parse and print back', () => {
  assert.deepEqual(parseAxis('eps:1e-4:0.3:log'), { axis: 'eps', min: 1e-4, max: 0.3, scale: 'log' });
  assert.equal(axisText(parseAxis('eta:0.85:1.1')), 'eta:0.85:1.1');
  assert.equal(parseAxis('eta:0.85'), null);
  assert.equal(parseAxis('eta:a:1'), null);
});

test('ticks are round numbers inside the range', () => {
  assert.deepEqual(linearTicks(0.85, 1.1, 7), [0.85, 0.9, 0.95, 1, 1.05, 1.1]);
  assert.deepEqual(linearTicks(0, 0.3, 6), [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
  assert.deepEqual(logTicks(1e-4, 0.3), [1e-4, 1e-3, 1e-2, 1e-1]);
  assert.equal(formatTick(0.95, [0.9, 0.95]), '0.95');
  assert.equal(formatTick(0, [0, 0.05]), '0');
});

test('alpha (docs/science.md, Box counting on a line): levels with N_B > 1, none below 3', () => {
  assert.equal(fitAlpha([1, 1, 3, 9]), null);
  const fit = fitAlpha([1, 1, 2, 4, 8, 16]);
  assert.ok(Math.abs(fit.alpha - 1) < 1e-12);
  assert.deepEqual(fit.levels, [2, 3, 4, 5]);
});

test('colour maps keep the class: bounded blue, divergent red, in both maps', () => {
  const values = Float32Array.from([-1, -50, -300, 1, 40, 250]);
  for (const map of [paperMap(Array.from(values)), spectralMap(Array.from(values))]) {
    const rgba = colorize(values, map, new Uint8ClampedArray(values.length * 4));
    for (let k = 0; k < values.length; k++) {
      const [r, , b] = rgba.subarray(k * 4, k * 4 + 3);
      assert.equal(values[k] > 0, r > b, `value ${values[k]}`);
    }
  }
});

test('a colour bar labels each class in steps, and a class nowhere in view as such', () => {
  for (const make of [paperMap, spectralMap]) {
    const both = make([-2, -11, -101, 3.5, 40.2, 250.7]).legend;
    assert.equal(both.length, 2);
    assert.match(both[0].title, /^diverges/);
    assert.match(both[1].title, /^bounded/);
    for (const s of both) {
      assert.equal(s.labels.length, 3);
      assert.ok(s.labels.every((l) => /^[0-9.e]+$/.test(l.text)), JSON.stringify(s.labels));
    }
    const boundedOnly = make([-2, -11, -101]).legend;
    assert.deepEqual(boundedOnly[0].labels.map((l) => l.text), ['none here']);
    assert.equal(boundedOnly[1].labels.length, 3);
  }
});

test('windowAxis: the window of an axis, linear and log, the ends exact', async () => {
  const { windowAxis } = await import('../js/state.js');
  assert.equal(windowAxis('eta:0.85:1.1', 0, 1), 'eta:0.85:1.1');
  assert.equal(windowAxis('eta:0:2', 0.25, 0.5), 'eta:0.5:1');
  assert.equal(windowAxis('eta0:0.001:1000000:log', 0, 1 / 3), 'eta0:0.001:1:log');
});
