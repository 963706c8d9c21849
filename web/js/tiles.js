// The tiles a plane view has received, each kept as raw values (for recolouring and readouts)
// and as a 128 x 128 picture; bounded, oldest dropped first.

import { TILE } from './viewport.js';
import { colorize } from './colors.js';

const MAX_TILES = 600;

export class TileStore {
  constructor() {
    this.tiles = new Map();
  }

  clear() {
    this.tiles.clear();
  }

  key(z, x, y) {
    return `${z}/${x}/${y}`;
  }

  get(z, x, y) {
    return this.tiles.get(this.key(z, x, y));
  }

  /** Stores a tile and paints its picture with the colour map (row 0 = lowest y at bottom). */
  put(frame, map) {
    const values = new Float32Array(frame.values);
    const tile = { z: frame.z, x: frame.x, y: frame.y, values, canvas: null };
    this.paint(tile, map);
    const key = this.key(frame.z, frame.x, frame.y);
    this.tiles.delete(key);
    this.tiles.set(key, tile);
    while (this.tiles.size > MAX_TILES) this.tiles.delete(this.tiles.keys().next().value);
    return tile;
  }

  paint(tile, map) {
    const canvas = tile.canvas || document.createElement('canvas');
    canvas.width = TILE;
    canvas.height = TILE;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(TILE, TILE);
    const rgba = new Uint8ClampedArray(TILE * TILE * 4);
    colorize(tile.values, map, rgba);
    for (let r = 0; r < TILE; r++) {
      // Tile row r is r rows above the tile's lowest y: screen row TILE - 1 - r.
      image.data.set(rgba.subarray(r * TILE * 4, (r + 1) * TILE * 4), (TILE - 1 - r) * TILE * 4);
    }
    ctx.putImageData(image, 0, 0);
    tile.canvas = canvas;
  }

  /** Every tile, coarsest zoom first, so that finer tiles are drawn over coarser ones. */
  byZoom() {
    return [...this.tiles.values()].sort((a, b) => a.z - b.z);
  }

  /** A sample of values across tiles of zoom z, for rank-based colour maps. */
  sample(z, limit = 40000) {
    const out = [];
    // In address order, not arrival order, so that the same view always gives the same colours.
    const tiles = [...this.tiles.values()].filter((t) => t.z === z)
      .sort((a, b) => a.y - b.y || a.x - b.x);
    const stride = Math.max(1, Math.floor((tiles.length * TILE * TILE) / limit));
    for (const t of tiles) for (let k = 0; k < t.values.length; k += stride) out.push(t.values[k]);
    return out;
  }
}
