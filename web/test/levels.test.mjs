// The picture of a plane view as its levels arrive: node --test web/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LevelImage, FLAG_REFINE } from '../js/levels.js';

// A whole plane of 32 x 16 intervals on its finest grid, as the server's "view" message gives
// it: level l has a stride of 2^(4 - l).
function view() {
  const levels = [];
  for (let l = 0; l < 5; l++) {
    const stride = 16 >> l;
    levels.push({ level: l, stride, width: 32 / stride + 1, height: 16 / stride + 1,
      columns: [0, 32 / stride], rows: [0, 16 / stride], refine: l > 0 });
  }
  return { grid: { width: 33, height: 17 }, levels };
}

/** The value of finest-grid point (column, row): distinct, and signed like a class. */
const value = (column, row) => (column + 100 * row + 1) * ((column + row) % 3 === 0 ? 1 : -1);

/** Level l's frame over its whole window, points in the server's order. */
function frame(l) {
  const level = view().levels[l];
  const values = [];
  for (let r = 0; r < level.height; r++) {
    for (let c = 0; c < level.width; c++) {
      if (level.refine && c % 2 === 0 && r % 2 === 0) continue;
      values.push(value(c * level.stride, r * level.stride));
    }
  }
  return { kind: 1, flags: level.refine ? FLAG_REFINE : 0, view: 1, z: l, width: level.width,
    x: 0, y: 0, height: level.height, values: Float32Array.from(values) };
}

const identity = (v, out, o) => { out[o] = 0; out[o + 1] = 0; out[o + 2] = 0; out[o + 3] = 255; };

test('the coarse level covers the picture; each finer level refines it to the finest', () => {
  const image = new LevelImage(view());
  assert.equal(image.width, 33);
  assert.equal(image.height, 17);
  assert.ok(!image.covered());
  image.paint(frame(0), identity);
  assert.ok(image.covered(), 'level 0 covers every pixel');
  for (let l = 1; l < 5; l++) image.paint(frame(l), identity);
  for (let row = 0; row <= 16; row++) {
    for (let column = 0; column <= 32; column++) {
      const shown = image.pointAt(column, row);
      assert.equal(shown.level, column % 2 === 0 && row % 2 === 0
        ? view().levels.findIndex((L) => column % L.stride === 0 && row % L.stride === 0) : 4);
      assert.deepEqual([shown.column, shown.row], [column, row]);
      assert.equal(shown.value, value(column, row));
    }
  }
  assert.equal(image.points, 33 * 17, 'every point once over the levels');
});

test('a coarse point paints its cell, and the readout names that point', () => {
  const image = new LevelImage(view());
  image.paint(frame(0), identity);
  // Level 0's points are 16 apart; (7, 7) is in the cell of (0, 0), (9, 9) in that of (16, 16).
  assert.deepEqual(image.pointAt(7, 7), { level: 0, column: 0, row: 0, value: value(0, 0) });
  assert.deepEqual(image.pointAt(9, 9), { level: 0, column: 16, row: 16,
    value: value(16, 16) });
  assert.equal(image.pointAt(40, 0), null, 'outside the window');
  // Row 0 of the picture is the top: the highest grid row.
  const top = image.values[0];
  assert.equal(top, value(0, 16));
});

test('values recolour without the server; unpainted pixels stay transparent', () => {
  const image = new LevelImage(view());
  assert.equal(image.rgba[3], 0);
  image.paint(frame(0), identity);
  image.recolor((v, out, o) => { out[o] = v > 0 ? 255 : 0; out[o + 3] = 255; });
  const p = (16 - 16) * 33 + 16;
  assert.equal(image.rgba[p * 4], value(16, 16) > 0 ? 255 : 0);
  assert.ok(image.sample().length > 0);
});
