// A plane view's picture as its levels arrive (docs/protocol.md): the finest level's points in
// the window as an image, one image pixel per point, each painted by the coarsest level's
// points first as blocks of stride x stride, then refined level by level, so the whole window
// is covered after the coarse level and every pixel is replaced by a finer one as it comes
// (and never by a coarser one: tiles arrive as they are done, not strictly level by level).
// Pure arrays, no DOM: tested in web/test/levels.test.mjs.

/** Frame flag: the tile skips the points of the coarser level's grid. */
export const FLAG_REFINE = 2;
export const FLAG_CACHED = 1;

export class LevelImage {
  /**
   * @param view the server's "view" message for a plane: `grid` and `levels` (each `level`,
   *   `stride`, `width`, `height`, `columns`, `rows`, `refine`)
   */
  constructor(view) {
    this.grid = view.grid;
    this.levels = view.levels;
    const finest = view.levels[view.levels.length - 1];
    this.column0 = finest.columns[0];
    this.row0 = finest.rows[0];
    this.width = finest.columns[1] - finest.columns[0] + 1;
    this.height = finest.rows[1] - finest.rows[0] + 1;
    const n = this.width * this.height;
    /** Row 0 is the top of the picture (the highest row of the grid). */
    this.values = new Float32Array(n);
    /** The level that painted each pixel, 255 while none has. */
    this.levelOf = new Uint8Array(n).fill(255);
    this.rgba = new Uint8ClampedArray(n * 4);
    this.points = 0;
  }

  /**
   * Paints a tile frame (decodeFrame's fields) with a colour map; returns the picture's rows
   * and columns it touched, {x0, y0, x1, y1} (inclusive), or null.
   */
  paint(frame, map) {
    const level = this.levels[frame.z];
    const s = level.stride;
    const refine = (frame.flags & FLAG_REFINE) !== 0;
    const half = s >> 1;
    let k = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let r = 0; r < frame.height; r++) {
      const row = frame.y + r;
      for (let c = 0; c < frame.width; c++) {
        const column = frame.x + c;
        if (refine && column % 2 === 0 && row % 2 === 0) continue;
        const v = frame.values[k++];
        // The point's cell, half a stride either side, on the finest grid.
        const fx = column * s - this.column0;
        const fy = row * s - this.row0;
        const bx0 = Math.max(0, fx - half);
        const bx1 = Math.min(this.width - 1, fx + (s - half) - 1);
        const by0 = Math.max(0, fy - half);
        const by1 = Math.min(this.height - 1, fy + (s - half) - 1);
        if (bx0 > bx1 || by0 > by1) continue;
        map(v, this.pixel, 0);
        for (let y = by0; y <= by1; y++) {
          const top = (this.height - 1 - y) * this.width;
          for (let x = bx0; x <= bx1; x++) {
            const p = top + x;
            // Tiles of a level may come before the coarser level's last ones: never cover a
            // finer level's pixel (255, unpainted, is above every level).
            const painted = this.levelOf[p];
            if (painted !== 255 && painted > frame.z) continue;
            this.values[p] = v;
            this.levelOf[p] = frame.z;
            this.rgba[p * 4] = this.pixel[0];
            this.rgba[p * 4 + 1] = this.pixel[1];
            this.rgba[p * 4 + 2] = this.pixel[2];
            this.rgba[p * 4 + 3] = 255;
          }
        }
        x0 = Math.min(x0, bx0);
        x1 = Math.max(x1, bx1);
        y0 = Math.min(y0, this.height - 1 - by1);
        y1 = Math.max(y1, this.height - 1 - by0);
      }
    }
    this.points += k;
    return x1 >= x0 ? { x0, y0, x1, y1 } : null;
  }

  /** Recolours every painted pixel. */
  recolor(map) {
    for (let p = 0; p < this.values.length; p++) {
      if (this.levelOf[p] !== 255) map(this.values[p], this.rgba, p * 4);
    }
  }

  /** A sample of painted values, spread over the picture, for rank-based colour maps. */
  sample(limit = 40000) {
    const out = [];
    const stride = Math.max(1, Math.floor(this.values.length / limit));
    for (let p = 0; p < this.values.length; p += stride) {
      if (this.levelOf[p] !== 255) out.push(this.values[p]);
    }
    return out;
  }

  /** Whether every pixel is painted. */
  covered() {
    return this.levelOf.indexOf(255) < 0;
  }

  /**
   * The point shown at finest-grid point (column, row), or null when none is painted there:
   * its level, its grid point on the finest grid, and its value.
   */
  pointAt(column, row) {
    const fx = column - this.column0;
    const fy = row - this.row0;
    if (fx < 0 || fy < 0 || fx >= this.width || fy >= this.height) return null;
    const p = (this.height - 1 - fy) * this.width + fx;
    const level = this.levelOf[p];
    if (level === 255) return null;
    const s = this.levels[level].stride;
    const half = s >> 1;
    // The level's point whose cell holds this pixel (paint's blocks, inverted).
    const c = Math.floor((column + half) / s);
    const r = Math.floor((row + half) / s);
    return { level, column: c * s, row: r * s, value: this.values[p] };
  }
}

LevelImage.prototype.pixel = new Uint8ClampedArray(4);
