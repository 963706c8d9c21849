// The plane explorer: paints tiles as they arrive, pans, zooms, draws axes and overlays, and
// reads out the run under the cursor.

import { Viewport, TILE, axisFraction, axisValue } from './viewport.js';
import { TileStore } from './tiles.js';
import { linearTicks, logTicks, formatTick } from './ticks.js';
import { colorMap } from './colors.js';
import { parseAxis } from './state.js';

const MARGIN = { left: 74, right: 14, top: 12, bottom: 46 };
const CRITICAL = 1 / (2 * Math.PI * Math.PI);

export class PlaneView {
  /**
   * @param root element holding the figure
   * @param socket BrinkSocket
   * @param hooks {onWindow(window), onProgress(p), onPick(run), onError(json), onReadout(text),
   *   onDimension(message or null)}
   */
  constructor(root, socket, hooks) {
    this.root = root;
    this.socket = socket;
    this.hooks = hooks;
    this.store = new TileStore();
    this.tileCanvas = root.querySelector('canvas.tiles');
    this.overlay = root.querySelector('canvas.overlay');
    this.viewId = 0;
    this.progress = { done: 0, total: 0, steps: 0, started: 0, finished: false };
    this.configKey = '';
    this.bindInput();
    new ResizeObserver(() => this.layout()).observe(root);
  }

  /** Shows a state: new parameters clear the tiles; a new window keeps them until replaced. */
  show(state, colormap) {
    const x = parseAxis(state.plane.x);
    const y = parseAxis(state.plane.y);
    if (!x || !y) {
      this.hooks.onError({ field: x ? 'y' : 'x', message: 'expected AXIS:MIN:MAX[:log]' });
      return;
    }
    const key = JSON.stringify([state.params, state.plane.x, state.plane.y, state.plane.root]);
    if (key !== this.configKey) {
      this.configKey = key;
      this.store.clear();
    }
    this.state = state;
    this.params = state.params;
    this.steps = Number(state.params.steps) || 1000;
    this.viewport = new Viewport(x, y, state.plane.root, state.plane.root);
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

  layout() {
    if (!this.viewport) return;
    const r = this.root.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(50, r.width - MARGIN.left - MARGIN.right);
    const h = Math.max(50, r.height - MARGIN.top - MARGIN.bottom);
    Object.assign(this.tileCanvas.style, { left: `${MARGIN.left}px`, top: `${MARGIN.top}px`,
      width: `${w}px`, height: `${h}px` });
    this.tileCanvas.width = Math.round(w * dpr);
    this.tileCanvas.height = Math.round(h * dpr);
    this.overlay.width = Math.round(r.width * dpr);
    this.overlay.height = Math.round(r.height * dpr);
    Object.assign(this.overlay.style, { width: `${r.width}px`, height: `${r.height}px` });
    this.viewport.resize(w, h);
    this.dpr = dpr;
    this.redraw();
  }

  /**
   * The colour map, stretched to the values of the current zoom's tiles; rebuilt (and every
   * tile recoloured) when the first tile and the last tile of a view arrive.
   */
  map() {
    if (!this.currentMap) this.currentMap = colorMap(this.colormap, this.store.sample(this.zoom));
    return this.currentMap;
  }

  recolor() {
    this.currentMap = null;
    const map = this.map();
    for (const t of this.store.byZoom()) this.store.paint(t, map);
    this.redraw();
  }

  redraw() {
    const ctx = this.tileCanvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#f4f1ea';
    ctx.fillRect(0, 0, this.viewport.width, this.viewport.height);
    for (const t of this.store.byZoom()) this.drawTile(ctx, t);
    this.drawOverlay();
  }

  drawTile(ctx, t) {
    const e = this.viewport.tileExtent(t.z, t.x, t.y);
    // Edges snapped to device pixels: neighbouring tiles meet exactly, without blended seams.
    const snap = (v) => Math.round(v * this.dpr) / this.dpr;
    const x0 = snap(this.viewport.uToScreen(e.u0));
    const x1 = snap(this.viewport.uToScreen(e.u1));
    const y0 = snap(this.viewport.vToScreen(e.v1));
    const y1 = snap(this.viewport.vToScreen(e.v0));
    if (x1 < 0 || y1 < 0 || x0 > this.viewport.width || y0 > this.viewport.height) return;
    ctx.drawImage(t.canvas, x0, y0, x1 - x0, y1 - y0);
  }

  drawOverlay(box) {
    const ctx = this.overlay.getContext('2d');
    const vp = this.viewport;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    ctx.save();
    ctx.translate(MARGIN.left, MARGIN.top);
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
    ctx.font = '12px system-ui, sans-serif';
    this.drawAxis(ctx, vp.x, vp.window.u0, vp.window.u1, true);
    this.drawAxis(ctx, vp.y, vp.window.v0, vp.window.v1, false);
    ctx.restore();
  }

  drawAxis(ctx, axis, t0, t1, horizontal) {
    const vp = this.viewport;
    const lo = Math.min(axisValue(axis, t0), axisValue(axis, t1));
    const hi = Math.max(axisValue(axis, t0), axisValue(axis, t1));
    const ticks = axis.scale === 'log' ? logTicks(lo, hi) : linearTicks(lo, hi, horizontal ? 7 : 6);
    ctx.textAlign = horizontal ? 'center' : 'right';
    ctx.textBaseline = horizontal ? 'top' : 'middle';
    for (const t of ticks) {
      const f = axisFraction(axis, t);
      const p = horizontal ? vp.uToScreen(f) : vp.vToScreen(f);
      if (p < -0.5 || p > (horizontal ? vp.width : vp.height) + 0.5) continue;
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(p, vp.height);
        ctx.lineTo(p, vp.height + 5);
      } else {
        ctx.moveTo(0, p);
        ctx.lineTo(-5, p);
      }
      ctx.stroke();
      const label = formatTick(t, ticks);
      if (horizontal) ctx.fillText(label, p, vp.height + 8);
      else ctx.fillText(label, -8, p);
    }
    ctx.save();
    ctx.font = 'italic 13px system-ui, sans-serif';
    if (horizontal) {
      ctx.textAlign = 'center';
      ctx.fillText(axisLabel(axis), vp.width / 2, vp.height + 26);
    } else {
      ctx.translate(-58, vp.height / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText(axisLabel(axis), 0, 0);
    }
    ctx.restore();
  }

  /**
   * Dashed guides: the convexity threshold theta = 1/(2 pi^2) of the additive and two-cosine
   * losses when an axis is eps or lambda (traced where the roughness crosses it), and eta = 1,
   * the pure quadratic's stability limit, on learning-rate axes.
   */
  drawGuides(ctx) {
    const vp = this.viewport;
    const family = this.params.family;
    const names = [vp.x.axis, vp.y.axis];
    ctx.save();
    ctx.strokeStyle = 'rgba(20, 20, 20, 0.85)';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    for (const [axis, horizontal] of [[vp.x, true], [vp.y, false]]) {
      if (!['eta', 'eta1', 'eta2'].includes(axis.axis)) continue;
      if (family !== 'quadratic') continue;
      const f = axisFraction(axis, 1);
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
    const rough = ['additive', 'twocos'].includes(family)
      && names.some((n) => ['eps', 'lambda', 'eps2', 'lambda2'].includes(n));
    if (rough) this.traceThreshold(ctx);
    ctx.restore();
  }

  traceThreshold(ctx) {
    const vp = this.viewport;
    const step = 3;
    const at = (px, py) => {
      const p = { ...numbers(this.params) };
      p[vp.x.axis] = axisValue(vp.x, vp.screenToU(px));
      p[vp.y.axis] = axisValue(vp.y, vp.screenToV(py));
      let theta = p.eps / (p.lambda * p.lambda);
      if (this.params.family === 'twocos') theta += p.eps2 / (p.lambda2 * p.lambda2);
      return theta - CRITICAL;
    };
    ctx.fillStyle = 'rgba(20, 20, 20, 0.9)';
    for (let px = 0; px <= vp.width; px += step) {
      let prev = at(px, 0);
      for (let py = step; py <= vp.height; py += step) {
        const cur = at(px, py);
        if (Number.isFinite(prev) && Number.isFinite(cur) && (prev < 0) !== (cur < 0)) {
          ctx.fillRect(px - 1, py - step / 2 - 1, 2.2, 2.2);
        }
        prev = cur;
      }
    }
    for (let py = 0; py <= vp.height; py += step) {
      let prev = at(0, py);
      for (let px = step; px <= vp.width; px += step) {
        const cur = at(px, py);
        if (Number.isFinite(prev) && Number.isFinite(cur) && (prev < 0) !== (cur < 0)) {
          ctx.fillRect(px - step / 2 - 1, py - 1, 2.2, 2.2);
        }
        prev = cur;
      }
    }
  }

  // ---- the view on the server

  request() {
    const vp = this.viewport;
    this.zoom = vp.zoom();
    const { range, center, count } = vp.tileRange(this.zoom);
    this.progress = { done: 0, total: count, steps: 0, computed: 0, started: performance.now(),
      finished: false };
    this.hooks.onProgress(this.progress);
    this.hooks.onDimension(null);
    const params = { ...cleaned(this.params), x: this.state.plane.x, y: this.state.plane.y,
      width: this.state.plane.root, height: this.state.plane.root };
    this.viewId = this.socket.view({ kind: 'plane', params, zoom: this.zoom, tiles: range,
      center });
  }

  onFrame(frame) {
    if (frame.view !== this.viewId || frame.kind !== 1) return;
    this.socket.ack(frame.view);
    if (this.progress.done === 0) {
      this.store.put(frame, this.map());
      this.recolor();
    } else {
      const tile = this.store.put(frame, this.map());
      const ctx = this.tileCanvas.getContext('2d');
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.imageSmoothingEnabled = false;
      this.drawTile(ctx, tile);
    }
    const p = this.progress;
    p.done++;
    if ((frame.flags & 1) === 0) {
      p.computed++;
      for (const v of frame.values) p.steps += v > 0 ? Math.ceil(v - 1) : this.steps;
    }
    this.hooks.onProgress(p);
  }

  onMessage(m) {
    if (m.view !== this.viewId) return;
    if (m.type === 'done') {
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

  /** Whether a view is scheduled or still streaming (used by tests and the tour). */
  busy() {
    return this.scheduled || !(this.progress.finished || this.progress.failed);
  }

  setWindow(w) {
    this.viewport.setWindow(w);
    this.state.plane.window = this.viewport.window;
    this.redraw();
    this.hooks.onWindow(this.viewport.window);
    clearTimeout(this.pending);
    this.scheduled = true;
    this.pending = setTimeout(() => {
      this.scheduled = false;
      this.request();
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
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const p = local(e);
      this.setWindow(this.viewport.zoomedAt(p.x, p.y, Math.pow(1.2, e.deltaY / 100)));
    }, { passive: false });
    c.addEventListener('dblclick', (e) => {
      const p = local(e);
      this.setWindow(this.viewport.zoomedAt(p.x, p.y, e.shiftKey ? 2 : 0.5));
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

  /** The run under a screen point at the current zoom: parameters and outcome if painted. */
  runAt(p) {
    const vp = this.viewport;
    const z = this.zoom;
    const { gx, gy } = vp.pixelAt(vp.screenToU(p.x), vp.screenToV(p.y), z);
    const values = vp.pixelParameters(gx, gy, z);
    const tile = this.store.get(z, Math.floor(gx / TILE), Math.floor(gy / TILE));
    const v = tile ? tile.values[(gy % TILE) * TILE + (gx % TILE)] : undefined;
    return { x: vp.x.axis, y: vp.y.axis, xValue: values.x, yValue: values.y, value: v };
  }

  readout(p) {
    const run = this.runAt(p);
    let outcome = 'not computed yet';
    if (run.value !== undefined) {
      outcome = run.value > 0
        ? `divergent at step ${Math.ceil(run.value - 1)}`
        : `bounded (settling time ${(-run.value - 1).toFixed(1)} steps)`;
    }
    this.hooks.onReadout(`${run.x} = ${run.xValue.toPrecision(10)}, ${run.y} = `
      + `${run.yValue.toPrecision(10)}: ${outcome}`);
  }

  pick(p) {
    const run = this.runAt(p);
    const params = { ...cleaned(this.params) };
    params[run.x] = run.xValue;
    params[run.y] = run.yValue;
    if ((run.x === 'eta1' || run.y === 'eta1' || run.x === 'eta2' || run.y === 'eta2')
        && !params.dim) {
      params.dim = 2;
    }
    this.hooks.onPick(params);
  }
}

function axisLabel(axis) {
  const names = { eta: 'learning rate η', eps: 'ε', lambda: 'λ', x0: 'x₀', eps2: 'ε₂',
    lambda2: 'λ₂', eta1: 'η₁ (coordinate 1)', eta2: 'η₂ (coordinate 2)' };
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
