// Tick labels: node --test web/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLogTick, formatTick, logTicks } from '../js/ticks.js';

test('log ticks over nine decades are labelled each by its own magnitude', () => {
  const ticks = logTicks(1e-3, 1e6);
  assert.deepEqual(ticks.map(formatLogTick),
    ['0.001', '0.01', '0.1', '1', '10', '100', '1000', '1e4', '1e5', '1e6']);
});

test('log ticks of a few decades keep 2 and 5', () => {
  assert.deepEqual(logTicks(2e-5, 3e-4).map(formatLogTick), ['2e-5', '5e-5', '1e-4', '2e-4']);
});

test('linear ticks share one spacing', () => {
  assert.equal(formatTick(0.85, [0.85, 0.9, 0.95]), '0.85');
  assert.equal(formatTick(0.9, [0.85, 0.9, 0.95]), '0.90');
});
