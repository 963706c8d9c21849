import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npy, zip } from '../js/npz.js';

test('numpy reads the export back: the array, its shape and the JSON header', () => {
  const values = new Float32Array([1.5, -2, NaN, 4, 5, -6.25]);
  const header = JSON.stringify({ values: 'values.npy', note: 'ε' });
  const file = zip([{ name: 'values.npy', bytes: npy(values, [2, 3]) },
    { name: 'header.json', bytes: new TextEncoder().encode(header) }]);
  const dir = mkdtempSync(join(tmpdir(), 'npz-'));
  const path = join(dir, 'x.npz');
  writeFileSync(path, file);
  const py = spawnSync('python3', ['-c', `
import json, sys, numpy
z = numpy.load(sys.argv[1])
v = z['values']
print(v.dtype, v.shape, json.dumps([None if x != x else float(x) for x in v.ravel()]))
print(json.loads(z['header.json'].decode())['note'])
`, path], { encoding: 'utf8' });
  assert.equal(py.status, 0, `python3 with numpy reads the file (bin/test installs numpy): ${py.stderr}`);
  const [first, second] = py.stdout.trim().split('\n');
  assert.equal(first, 'float32 (2, 3) [1.5, -2.0, null, 4.0, 5.0, -6.25]');
  assert.equal(second, 'ε');
});
