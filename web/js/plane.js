// The plane explorer: asks the server for the window at the canvas's own resolution, paints
// the levels as they arrive (coarse blocks first, then finer), pans, zooms, draws axes, guides
// and the colour bar, and reads out the run under the cursor.

import { Viewport, axisFraction, axisValue, sampleValue } from './viewport.js';
import { LevelImage, FLAG_CACHED } from './levels.js';
import { linearTicks, logTicks, formatTick, formatLogTick } from './ticks.js';
import { colorMap } from './colors.js';
import { drawColorBar, COLOR_BAR_WIDTH } from './legend.js';
import { uiScale, font } from './ui.js';
import { parseAxis } from './state.js';

const CRITICAL = 1 / (2 * Math.PI * Math.PI);

export class PlaneView {
  /**
   * @param root element holding the figure
   * @param socket BrinkSocket
   * @param hooks {onWindow(window), onProgress(p), onPick(params), onError(json),
   *   onReadout(text), onDimension(message or null)}
   */
  constructor(root, socket, hooks) {
    this.root = root;
    this.socket = socket;
    this.hooks = hooks;
    this.tileCanvas = root.querySelector('canvas.tiles');
    this.overlay = root.querySelector('canvas.overlay');
    this.viewId = 0;
    this.image = null;
    this.backdrop = null;
    /** Rectangles of the picture painted but not yet on its canvas. */
    this.dirty = [];
    this.progress = { done: 0, total: 0, steps: 0, started: 0, finished: false };
    this.bindInput();
    new ResizeObserver(() => {
      if (this.layout()) this.schedule();
    }).observe(root);
  }

  /** Shows a state: new parameters drop the picture; a new window keeps it until replaced. */
  show(state, colormap) {
    const x = parseAxis(state.plane.x);
    const y = parseAxis(state.plane.y);
    if (!x || !y) {
      this.hooks.onError({ field: x ? 'y' : 'x', message: 'expected AXIS:MIN:MAX[:log]' });
      return;
    }
    const key = JSON.stringify([state.params, state.plane.x, state.plane.y]);
    if (key !== this.configKey) {
      this.configKey = key;
      this.image = null;
      this.backdrop = null;
    }
    this.state = state;
    this.params = state.params;
    this.steps = Number(state.params.steps) || 1000;
    this.viewport = new Viewport(x, y);
    this.viewport.setWindow(state.plane.window);
    this.colormap = colormap;
    this.layout();
    this.request();
  }

  setColormap(name) {
    this.colormap = name;
    this.recolor();
  }

  reset() {
    this.setWindow({ u0: 0, u1: 1, v0: 0, v1: 1 });
  }

  // ---- layout and drawing

  /** Sizes the canvases to the figure; true when the plot's size in device pixels changed. */
  layout() {
    if (!this.viewport) return false;
    const r = this.root.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const k = uiScale();
    this.k = k;
    // Room for tick labels and axis names left and below, the colour bar right.
    const m = { left: 74 * k, right: (14 + COLOR_BAR_WIDTH) * k, top: 12 * k, bottom: 46 * k };
    this.margin = m;
    const w = Math.max(50, r.width - m.left - m.right);
    const h = Math.max(50, r.height - m.top - m.bottom);
    Object.assign(this.tileCanvas.style, { left: `${m.left}px`, top: `${m.top}px`,
      width: `${w}px`, height: `${h}px` });
    const pixels = { width: Math.round(w * dpr), height: Math.round(h * dpr) };
    const changed = !this.pixels || pixels.width !== this.pixels.width
      || pixels.height !== this.pixels.height;
    this.pixels = pixels;
    this.tileCanvas.width = pixels.width;
    this.tileCanvas.height = pixels.height;
    this.overlay.width = Math.round(r.width * dpr);
    this.overlay.height = Math.round(r.height * dpr);
    this.overlayDrawn = null;
    Object.assign(this.overlay.style, { width: `${r.width}px`, height: `${r.height}px` });
    this.viewport.resize(w, h);
    this.dpr = dpr;
    this.redraw();
    return changed;
  }

  /** The colour map, stretched to the values painted so far; rebuilt as levels end. */
  map() {
    if (!this.currentMap) {
      this.currentMap = colorMap(this.colormap, this.image ? this.image.sample() : [],
        this.params.family === 'mlp');
    }
    return this.currentMap;
  }

  recolor() {
    this.currentMap = null;
    if (this.image) {
      this.image.recolor(this.map());
      this.markAllDirty();
    }
    this.redraw();
  }

  /** Every pixel of the picture is to be copied to its canvas at the next flush. */
  markAllDirty() {
    this.dirty = [{ x0: 0, y0: 0, x1: this.image.width - 1, y1: this.image.height - 1 }];
  }

  /** Draws the backdrop (the previous view's picture), the picture, then the overlay. */
  redraw() {
    if (!this.viewport) return;
    this.flush();
    const ctx = this.tileCanvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#f4f1ea';
    ctx.fillRect(0, 0, this.viewport.width, this.viewport.height);
    if (this.backdrop) this.drawPicture(ctx, this.backdrop);
    if (this.picture) this.drawPicture(ctx, this.picture);
    this.drawOverlay();
  }

  /**
   * Copies the painted pixels not yet on the picture's canvas there: each tile's rectangle
   * from an ImageData over the picture's own pixels (no copy; a union of tiles spread over a
   * 4K picture would be most of it).
   */
  flush() {
    if (!this.image || !this.dirty.length || !this.picture) return;
    const ctx = this.picture.canvas.getContext('2d');
    for (const d of this.dirty) {
      ctx.putImageData(this.picture.pixels, 0, 0, d.x0, d.y0, d.x1 - d.x0 + 1, d.y1 - d.y0 + 1);
    }
    this.dirty = [];
  }

  /** A picture's canvas at its place: its extent, in the plane's fractions. */
  drawPicture(ctx, picture) {
    const vp = this.viewport;
    const e = picture.extent;
    const snap = (v) => Math.round(v * this.dpr) / this.dpr;
    const x0 = snap(vp.uToScreen(e.u0));
    const x1 = snap(vp.uToScreen(e.u1));
    const y0 = snap(vp.vToScreen(e.v1));
    const y1 = snap(vp.vToScreen(e.v0));
    ctx.drawImage(picture.canvas, x0, y0, x1 - x0, y1 - y0);
  }

  /**
   * Repaints at an animation frame, once however many frames arrive meanwhile, at most ten
   * times a second and leaving three times a repaint's cost between repaints. The cost runs
   * to the next animation frame, so it holds the compositor's copies of the canvases too
   * (~30 ms at 4K without a GPU); the frames a repaint delays hold back the server
   * (docs/protocol.md, flow control).
   */
  schedule() {
    this.pending = true;
    if (this.frameRequested) return;
    this.frameRequested = true;
    const gap = Math.max(100, 3 * (this.redrawCost ?? 0));
    const wait = Math.max(0, (this.lastRedraw ?? -Infinity) + gap - performance.now());
    setTimeout(() => requestAnimationFrame(() => {
      const start = performance.now();
      this.pending = false;
      this.redraw();
      // The progress text with the picture: a change to the page between repaints would
      // take a frame of its own.
      this.hooks.onProgress(this.progress);
      requestAnimationFrame(() => {
        this.lastRedraw = performance.now();
        this.redrawCost = this.lastRedraw - start;
        this.frameRequested = false;
        if (this.pending) this.schedule();
      });
    }), wait);
  }

  /** Draws axes, guides, the colour bar and a zoom box, unless they are drawn already. */
  drawOverlay(box) {
    const vp = this.viewport;
    const key = JSON.stringify([vp.window, vp.width, vp.height, this.dpr, this.k, box,
      this.params]);
    if (this.overlayDrawn?.key === key && this.overlayDrawn.map === this.map()) return;
    this.overlayDrawn = { key, map: this.map() };
    const ctx = this.overlay.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    ctx.save();
    ctx.translate(this.margin.left, this.margin.top);
    this.drawGuides(ctx);
    if (box) {
      ctx.strokeStyle = '#111';
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(box.x, box.y, box.w, box.h);
      ctx.setLineDash([]);
    }
    ctx.strokeStyle = '#333';
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, vp.width, vp.height);
    ctx.fillStyle = '#222';
    ctx.font = font(12, this.k);
    this.drawAxis(ctx, vp.x, vp.window.u0, vp.window.u1, true);
    this.drawAxis(ctx, vp.y, vp.window.v0, vp.window.v1, false);
    ctx.translate(vp.width + 12 * this.k, 0);
    drawColorBar(ctx, this.map(), vp.height, this.k);
    ctx.restore();
  }

  drawAxis(ctx, axis, t0, t1, horizontal) {
    const vp = this.viewport;
    const k = this.k;
    const lo = Math.min(axisValue(axis, t0), axisValue(axis, t1));
    const hi = Math.max(axisValue(axis, t0), axisValue(axis, t1));
    const ticks = axis.scale === 'log' ? logTicks(lo, hi)
      : linearTicks(lo, hi, horizontal ? Math.max(3, Math.round(vp.width / (140 * k))) : 6);
    ctx.textAlign = horizontal ? 'center' : 'right';
    ctx.textBaseline = horizontal ? 'top' : 'middle';
    for (const t of ticks) {
      const f = axisFraction(axis, t);
      const p = horizontal ? vp.uToScreen(f) : vp.vToScreen(f);
      if (p < -0.5 || p > (horizontal ? vp.width : vp.height) + 0.5) continue;
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(p, vp.height);
        ctx.lineTo(p, vp.height + 5 * k);
      } else {
        ctx.moveTo(0, p);
        ctx.lineTo(-5 * k, p);
      }
      ctx.stroke();
      const label = axis.scale === 'log' && ticks.every((v) => v > 0)
        ? formatLogTick(t) : formatTick(t, ticks);
      if (horizontal) ctx.fillText(label, p, vp.height + 8 * k);
      else ctx.fillText(label, -8 * k, p);
    }
    ctx.save();
    ctx.font = font(13, k, 'italic');
    const label = axisLabel(axis, this.params.family === 'mlp');
    if (horizontal) {
      ctx.textAlign = 'center';
      ctx.fillText(label, vp.width / 2, vp.height + 26 * k);
    } else {
      ctx.translate(-58 * k, vp.height / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText(label, 0, 0);
    }
    ctx.restore();
  }

  /**
   * Dashed guides: the convexity threshold theta = 1/(2 pi^2) of the additive and two-cosine
   * losses when an axis is eps or lambda (traced where the roughness crosses it), and the pure
   * quadratic's stability limit on learning-rate axes: eta = 1 for GD, 1 + beta for heavy
   * ball, (1 + beta) / (1 + 2 beta) for Nesterov (none for Adam or with beta on an axis).
   */
  drawGuides(ctx) {
    const vp = this.viewport;
    const family = this.params.family;
    const limit = stabilityLimit(this.params, [vp.x.axis, vp.y.axis]);
    const names = [vp.x.axis, vp.y.axis];
    ctx.save();
    // Guides stay inside the plot: a zoomed window leaves much of their line outside it.
    ctx.beginPath();
    ctx.rect(0, 0, vp.width, vp.height);
    ctx.clip();
    ctx.strokeStyle = 'rgba(20, 20, 20, 0.85)';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    for (const [axis, horizontal] of [[vp.x, true], [vp.y, false]]) {
      if (!['eta', 'eta1', 'eta2'].includes(axis.axis)) continue;
      if (family !== 'quadratic' || limit === null) continue;
      const f = axisFraction(axis, limit);
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(vp.uToScreen(f), 0);
        ctx.lineTo(vp.uToScreen(f), vp.height);
      } else {
        ctx.moveTo(0, vp.vToScreen(f));
        ctx.lineTo(vp.width, vp.vToScreen(f));
      }
      ctx.stroke();
    }
    const betaAxis = [vp.x, vp.y].find((a) => a.axis === 'beta');
    const etaAxis = [vp.x, vp.y].find((a) => a.axis === 'eta');
    if (family === 'quadratic' && betaAxis && etaAxis
        && ['momentum', 'nesterov'].includes(this.params.optimizer)) {
      // The limit as a curve over the beta axis: the exact check of docs/science.md.
      ctx.beginPath();
      for (let i = 0; i <= 200; i++) {
        const fb = i / 200;
        const fe = axisFraction(etaAxis, edge(this.params.optimizer, axisValue(betaAxis, fb)));
        const [u, v] = betaAxis === vp.x ? [fb, fe] : [fe, fb];
        if (i === 0) ctx.moveTo(vp.uToScreen(u), vp.vToScreen(v));
        else ctx.lineTo(vp.uToScreen(u), vp.vToScreen(v));
      }
      ctx.stroke();
    }
    const rough = ['additive', 'twocos'].includes(family)
      && names.some((n) => ['eps', 'lambda', 'eps2', 'lambda2'].includes(n));
    if (rough) this.traceThreshold(ctx);
    ctx.restore();
  }

  /**
   * Dots where theta crosses the threshold, on a 3-pixel lattice; kept as a path until the
   * window, the canvas or the parameters change (redraws come at every animation frame).
   */
  traceThreshold(ctx) {
    const vp = this.viewport;
    const key = JSON.stringify([vp.window, vp.width, vp.height, this.params]);
    if (this.threshold?.key !== key) this.threshold = { key, path: this.thresholdPath() };
    ctx.fillStyle = 'rgba(20, 20, 20, 0.9)';
    ctx.fill(this.threshold.path);
  }

  thresholdPath() {
    const vp = this.viewport;
    const step = 3;
    const p = numbers(this.params);
    const twocos = this.params.family === 'twocos';
    const xs = [];
    const ys = [];
    for (let px = 0; px <= vp.width; px += step) xs.push(axisValue(vp.x, vp.screenToU(px)));
    for (let py = 0; py <= vp.height; py += step) ys.push(axisValue(vp.y, vp.screenToV(py)));
    const excess = (i, j) => {
      p[vp.x.axis] = xs[i];
      p[vp.y.axis] = ys[j];
      let theta = p.eps / (p.lambda * p.lambda);
      if (twocos) theta += p.eps2 / (p.lambda2 * p.lambda2);
      return theta - CRITICAL;
    };
    const crosses = (a, b) => Number.isFinite(a) && Number.isFinite(b) && (a < 0) !== (b < 0);
    const path = new Path2D();
    for (let i = 0; i < xs.length; i++) {
      let prev = excess(i, 0);
      for (let j = 1; j < ys.length; j++) {
        const cur = excess(i, j);
        if (crosses(prev, cur)) path.rect(i * step - 1, j * step - step / 2 - 1, 2.2, 2.2);
        prev = cur;
      }
    }
    for (let j = 0; j < ys.length; j++) {
      let prev = excess(0, j);
      for (let i = 1; i < xs.length; i++) {
        const cur = excess(i, j);
        if (crosses(prev, cur)) path.rect(i * step - step / 2 - 1, j * step - 1, 2.2, 2.2);
        prev = cur;
      }
    }
    return path;
  }

  // ---- the view on the server

  /** Asks for the window at the canvas's resolution; focus is where to start, or the centre. */
  request(focus) {
    const w = this.viewport.window;
    this.progress = { done: 0, total: 0, steps: 0, computed: 0, started: performance.now(),
      finished: false, unit: 'points' };
    this.hooks.onProgress(this.progress);
    this.hooks.onDimension(null);
    // The picture so far stays below the new one until the new one covers it.
    if (this.picture) this.backdrop = this.picture;
    this.picture = null;
    this.image = null;
    this.dirty = [];
    const params = { ...cleaned(this.params), x: this.state.plane.x, y: this.state.plane.y };
    const message = { kind: 'plane', params, window: { ...w },
      pixels: { ...this.pixels } };
    if (focus) message.focus = focus;
    this.viewId = this.socket.view(message);
  }

  /** The server accepted the view: its grid and levels. */
  start(m) {
    this.view = m;
    this.image = new LevelImage(m);
    const canvas = document.createElement('canvas');
    canvas.width = this.image.width;
    canvas.height = this.image.height;
    const dx = m.grid.width - 1;
    const dy = m.grid.height - 1;
    const f = m.levels[m.levels.length - 1];
    this.dirty = [];
    this.picture = { canvas, pixels: new ImageData(this.image.rgba, canvas.width, canvas.height),
      extent: { u0: (f.columns[0] - 0.5) / dx,
      u1: (f.columns[1] + 0.5) / dx, v0: (f.rows[0] - 0.5) / dy, v1: (f.rows[1] + 0.5) / dy } };
    this.currentMap = null;
    this.progress.total = m.points;
    this.progress.kernel = m.kernel;
    this.progress.grid = `${f.columns[1] - f.columns[0] + 1} x ${f.rows[1] - f.rows[0] + 1}`;
    this.progress.note = m.reduced || '';
    this.hooks.onProgress(this.progress);
  }

  onFrame(frame) {
    if (frame.view !== this.viewId || frame.kind !== 1 || !this.image) return;
    const first = this.image.points === 0;
    const touched = this.image.paint(frame, this.map());
    this.socket.ack(frame.view);
    if (first) {
      // The first values set the colours.
      this.currentMap = null;
      this.image.recolor(this.map());
      this.markAllDirty();
    } else if (touched) {
      this.dirty.push(touched);
    }
    const p = this.progress;
    p.done += frame.values.length;
    if ((frame.flags & FLAG_CACHED) === 0) {
      p.computed += frame.values.length;
      // A network's values are its convergence measure, not steps: count its whole runs.
      if (this.params.family === 'mlp') p.steps += frame.values.length * this.steps;
      else for (const v of frame.values) p.steps += v > 0 ? Math.ceil(v - 1) : this.steps;
    }
    this.schedule();
  }

  onMessage(m) {
    if (m.view !== this.viewId) return;
    if (m.type === 'view') {
      this.start(m);
    } else if (m.type === 'level') {
      if (m.level === 0) {
        this.progress.coarseSeconds = (performance.now() - this.progress.started) / 1000;
        // The coarse level covers the window: the previous picture is hidden now.
        this.progress.covered = this.image.covered();
        this.backdrop = null;
        // Colours stretched over a sample of the whole window; finer levels keep them until
        // the view is done (a 4K recolour takes ~0.1 s).
        this.recolor();
      }
      this.progress.level = m.level;
      this.hooks.onProgress(this.progress);
    } else if (m.type === 'done') {
      this.progress.finished = true;
      this.progress.seconds = (performance.now() - this.progress.started) / 1000;
      this.hooks.onProgress(this.progress);
      this.recolor();
    } else if (m.type === 'dimension') {
      this.hooks.onDimension(m);
    } else if (m.type === 'error') {
      this.progress.failed = true;
      this.hooks.onError(m);
    }
  }

  /**
   * The picture's data: the state, the finest grid and the window's points on it, and each
   * point's value (row 0 the top row), as docs/protocol.md defines values.
   */
  /**
   * The view's data: a header (the state, the finest level's grid columns and rows, what the
   * values mean) and its values as float32, row 0 the bottom (y min, as `plane --json`), NaN
   * where no level has painted yet; null before a view.
   */
  exportData() {
    if (!this.image) return null;
    const f = this.view.levels[this.view.levels.length - 1];
    const { width, height } = this.image;
    const values = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      const from = (height - 1 - y) * width;
      for (let x = 0; x < width; x++) {
        const p = from + x;
        values[y * width + x] = this.image.levelOf[p] === 255 ? NaN : this.image.values[p];
      }
    }
    const network = this.params.family === 'mlp';
    return {
      header: { state: this.state, grid: this.view.grid, columns: f.columns, rows: f.rows,
        width, height, kernel: this.view.kernel,
        values: {
          file: 'values.npy', dtype: 'float32', shape: [height, width],
          rows: 'row 0 is the lowest grid row of the window (y min), column 0 the leftmost',
          meaning: network
            ? 'the convergence measure: > 0 not trainable (sum 1/v), < 0 trainable (-sum v)'
            : '> 0 divergent, the escape time; < 0 bounded, -(1 + settling time) (docs/protocol.md)',
          nan: 'not computed yet',
        } },
      values,
    };
  }

  /** Whether a view is scheduled or still streaming (used by tests and the tour). */
  busy() {
    return this.scheduled || !(this.progress.finished || this.progress.failed);
  }

  /** Moves the window at once, and asks the server for it when the input settles. */
  setWindow(w, focus) {
    this.viewport.setWindow(w);
    this.state.plane.window = this.viewport.window;
    this.redraw();
    this.hooks.onWindow(this.viewport.window);
    clearTimeout(this.timer);
    this.scheduled = true;
    this.timer = setTimeout(() => {
      this.scheduled = false;
      this.request(focus);
    }, 150);
  }

  // ---- input

  bindInput() {
    const c = this.tileCanvas;
    let drag = null;
    const local = (e) => {
      const r = c.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const focusAt = (p) => ({ u: clamp01(this.viewport.screenToU(p.x)),
      v: clamp01(this.viewport.screenToV(p.y)) });
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const p = local(e);
      this.setWindow(this.viewport.zoomedAt(p.x, p.y, Math.pow(1.2, e.deltaY / 100)),
        focusAt(p));
    }, { passive: false });
    c.addEventListener('dblclick', (e) => {
      const p = local(e);
      this.setWindow(this.viewport.zoomedAt(p.x, p.y, e.shiftKey ? 2 : 0.5), focusAt(p));
    });
    c.addEventListener('pointerdown', (e) => {
      const p = local(e);
      drag = { start: p, last: p, box: e.shiftKey, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      const p = local(e);
      this.readout(p);
      if (!drag) return;
      if (Math.abs(p.x - drag.start.x) + Math.abs(p.y - drag.start.y) > 3) drag.moved = true;
      if (drag.box) {
        this.drawOverlay({ x: Math.min(p.x, drag.start.x), y: Math.min(p.y, drag.start.y),
          w: Math.abs(p.x - drag.start.x), h: Math.abs(p.y - drag.start.y) });
      } else if (drag.moved) {
        this.viewport.setWindow(this.viewport.pannedBy(p.x - drag.last.x, p.y - drag.last.y));
        this.redraw();
      }
      drag.last = p;
    });
    c.addEventListener('pointerup', (e) => {
      const p = local(e);
      const d = drag;
      drag = null;
      if (!d) return;
      if (d.box && d.moved) {
        this.setWindow(this.viewport.boxed(d.start.x, d.start.y, p.x, p.y));
      } else if (d.moved) {
        this.setWindow(this.viewport.window);
      } else {
        this.pick(p);
      }
    });
    c.addEventListener('pointerleave', () => this.hooks.onReadout(''));
  }

  /**
   * The run under a screen point: the grid point of the finest level nearest to it, and what
   * is painted there (the point of the level that painted it), or null before the view starts.
   */
  runAt(p) {
    if (!this.view || !this.image) return null;
    const vp = this.viewport;
    const g = this.view.grid;
    const { column, row } = vp.gridPointAt(vp.screenToU(p.x), vp.screenToV(p.y), g.width,
      g.height);
    const shown = this.image.pointAt(column, row);
    const at = shown || { column, row, value: undefined };
    return { x: vp.x.axis, y: vp.y.axis, column: at.column, row: at.row, level: shown?.level,
      xValue: sampleValue(vp.x, at.column, g.width), yValue: sampleValue(vp.y, at.row, g.height),
      value: at.value };
  }

  readout(p) {
    const run = this.runAt(p);
    if (!run) return;
    let outcome = 'not computed yet';
    if (run.value !== undefined && this.params.family === 'mlp') {
      outcome = run.value > 0 ? `not trainable (Σ 1/v = ${run.value.toPrecision(4)})`
        : `trainable (Σ v = ${(-run.value).toPrecision(4)})`;
      if (run.level < this.view.levels.length - 1) outcome += ` (level ${run.level})`;
    } else if (run.value !== undefined) {
      outcome = run.value > 0
        ? `divergent at step ${Math.ceil(run.value - 1)}`
        : `bounded (settling time ${(-run.value - 1).toFixed(1)} steps)`;
      if (run.level < this.view.levels.length - 1) outcome += ` (level ${run.level})`;
    }
    this.hooks.onReadout(`${run.x} = ${run.xValue.toPrecision(10)}, ${run.y} = `
      + `${run.yValue.toPrecision(10)}: ${outcome}`);
  }

  /** Opens the inspector on the run under the point, named by its grid point. */
  pick(p) {
    const run = this.runAt(p);
    if (!run) return;
    this.hooks.onPick({ ...cleaned(this.params), x: this.state.plane.x, y: this.state.plane.y,
      width: this.view.grid.width, height: this.view.grid.height, column: run.column,
      row: run.row });
  }
}

/** The quadratic's stability limit in eta under the optimizer, or null (see drawGuides). */
export function stabilityLimit(params, axes) {
  const optimizer = params.optimizer || 'gd';
  if (optimizer === 'gd') return 1;
  if (optimizer === 'adam' || axes.includes('beta')) return null;
  // 0.9: the server's default beta (GET /api/families) when the field is empty.
  const beta = params.beta === undefined || params.beta === '' ? 0.9 : Number(params.beta);
  return edge(optimizer, beta);
}

/** Heavy ball's 1 + beta and Nesterov's (1 + beta) / (1 + 2 beta) on f = x^2. */
function edge(optimizer, beta) {
  return optimizer === 'momentum' ? 1 + beta : (1 + beta) / (1 + 2 * beta);
}

function axisLabel(axis, network) {
  const names = { eta: 'learning rate η', eps: 'ε', lambda: 'λ', x0: 'x₀', eps2: 'ε₂',
    lambda2: 'λ₂', eta1: network ? 'η₁ (output layer)' : 'η₁ (coordinate 1)',
    eta2: 'η₂ (coordinate 2)', eta0: 'η₀ (input layer)', offset: 'W0 offset c',
    beta: 'momentum β', beta1: 'Adam β₁', beta2: 'Adam β₂', 'adam-eps': 'Adam ε' };
  return (names[axis.axis] || axis.axis) + (axis.scale === 'log' ? ' (log)' : '');
}

/** Parameters that were filled in, without empty fields. */
export function cleaned(params) {
  const out = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') out[k] = v;
  }
  return out;
}

function numbers(params) {
  const out = { eps: 0, lambda: 1, eps2: 0, lambda2: 1 };
  for (const [k, v] of Object.entries(params)) if (v !== '' && !isNaN(Number(v))) out[k] = Number(v);
  return out;
}

function clamp01(t) {
  return Math.min(1, Math.max(0, t));
}
