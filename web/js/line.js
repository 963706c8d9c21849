// The line view: the learning-rate strip of paper A's Fig. 1d filled level by level, with its
// eta axis, zoomed by the wheel or a shift-drag box into sub-intervals (each a new line of the
// same levels, so Fig. 1d's nested zooms can be made), and the log2 N_B against level chart
// with its fitted line and alpha +- SE, live.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { colorMap } from './colors.js';
import { fitAlpha } from './fit.js';
import { linearTicks, formatTick } from './ticks.js';
import { uiScale, font, chartAxes } from './ui.js';

/** The strip's height and its axis's below it, in CSS pixels at scale 1 (ui.js). */
const STRIP = 72;
const AXIS = 38;

export class LineView {
  /**
   * @param hooks {onProgress(p), onPick(params), onError(json), onReadout(text), onAlpha(m),
   *   onZoom(etaMin, etaMax)}
   */
  constructor(root, socket, hooks) {
    this.root = root;
    this.socket = socket;
    this.hooks = hooks;
    this.strip = root.querySelector('canvas.strip');
    this.chartBox = root.querySelector('.chart');
    this.viewId = 0;
    this.bindInput();
    new ResizeObserver(() => this.layout()).observe(root);
  }

  show(state, colormap) {
    this.state = state;
    this.levels = Number(state.line.levels);
    this.steps = Number(state.params.steps) || 1000;
    this.etaMin = Number(state.line.etaMin);
    this.etaMax = Number(state.line.etaMax);
    this.colormap = colormap;
    this.points = new Float32Array((2 ** this.levels) + 1);
    this.currentMap = null;
    this.nb = [];
    this.alphaSe = null;
    this.progress = { done: 0, total: this.points.length, steps: 0, computed: 0,
      started: performance.now(), finished: false, unit: 'points' };
    this.hooks.onProgress(this.progress);
    this.layout();
    this.viewId = this.socket.view({ kind: 'line', params: {
      ...this.cleanParams(), levels: this.levels, 'eta-min': state.line.etaMin,
      'eta-max': state.line.etaMax } });
  }

  cleanParams() {
    const out = {};
    for (const [k, v] of Object.entries(this.state.params)) {
      if (k !== 'eta' && v !== undefined && String(v).trim() !== '') out[k] = v;
    }
    return out;
  }

  setColormap(name) {
    this.colormap = name;
    this.repaint();
  }

  layout() {
    const k = uiScale();
    this.k = k;
    this.stripH = STRIP * k;
    this.axisH = AXIS * k;
    this.strip.style.height = `${this.stripH + this.axisH}px`;
    if (!this.points) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(100, this.strip.getBoundingClientRect().width);
    this.strip.width = Math.round(w * dpr);
    this.strip.height = Math.round((this.stripH + this.axisH) * dpr);
    this.dpr = dpr;
    this.repaint();
    this.drawChart();
  }

  /** The colour map stretched to the points so far (rebuilt by repaint). */
  map() {
    if (!this.currentMap) {
      const sample = [];
      const stride = Math.max(1, Math.floor(this.points.length / 40000));
      for (let j = 0; j < this.points.length; j += stride) {
        if (this.points[j]) sample.push(this.points[j]);
      }
      this.currentMap = colorMap(this.colormap, sample);
    }
    return this.currentMap;
  }

  /** Paints points of a level: each fills its box at that level, finer levels refine it. */
  paint(first, stride, count, level, values, map) {
    const ctx = this.strip.getContext('2d');
    const n = 2 ** this.levels;
    const w = this.strip.width;
    const half = level === 0 ? n / 2 : 2 ** (this.levels - level - 1);
    const rgba = new Uint8ClampedArray(4);
    for (let k = 0; k < count; k++) {
      const j = first + k * stride;
      map(values[k], rgba, 0);
      ctx.fillStyle = `rgb(${rgba[0]},${rgba[1]},${rgba[2]})`;
      const x0 = Math.floor(((j - half) / n) * w);
      const x1 = Math.ceil(((j + half) / n) * w);
      ctx.fillRect(Math.max(0, x0), 0, Math.max(1, Math.min(w, x1) - Math.max(0, x0)),
        this.stripH * this.dpr);
    }
  }

  repaint() {
    this.currentMap = null;
    const ctx = this.strip.getContext('2d');
    ctx.fillStyle = '#f4f1ea';
    ctx.fillRect(0, 0, this.strip.width, this.stripH * this.dpr);
    this.drawAxis(ctx);
    const map = this.map();
    for (let l = 0; l <= this.levels; l++) {
      const first = l === 0 ? 0 : 2 ** (this.levels - l);
      const stride = l === 0 ? 2 ** this.levels : 2 ** (this.levels - l + 1);
      const count = l === 0 ? 2 : 2 ** (l - 1);
      const values = new Float32Array(count);
      let any = false;
      for (let k = 0; k < count; k++) {
        values[k] = this.points[first + k * stride];
        any = any || values[k] !== 0;
      }
      if (any) this.paint(first, stride, count, l, values, map);
    }
  }

  onFrame(frame) {
    if (frame.view !== this.viewId || frame.kind !== 2) return;
    this.socket.ack(frame.view);
    for (let k = 0; k < frame.width; k++) this.points[frame.x + k * frame.y] = frame.values[k];
    this.paint(frame.x, frame.y, frame.width, frame.z, frame.values, this.map());
    const p = this.progress;
    p.done += frame.width;
    p.computed += frame.width;
    for (const v of frame.values) p.steps += v > 0 ? Math.ceil(v - 1) : this.steps;
    this.hooks.onProgress(p);
  }

  onMessage(m) {
    if (m.view !== this.viewId) return;
    if (m.type === 'level') {
      // Restretch the colours while the strip is coarse; finer levels keep the map until done.
      if (m.level <= 12) this.repaint();
      this.nb = m.nb;
      this.alpha = { alpha: m.alpha, se: m.alpha_se, levels: m.alpha_levels };
      this.drawChart();
      this.hooks.onAlpha(this.alpha);
    } else if (m.type === 'done') {
      this.progress.kernel = m.kernel;
      this.progress.finished = true;
      this.hooks.onAlpha({ ...this.alpha, final: true,
        boundary: this.nb.some((n) => n > 0) });
      this.progress.seconds = (performance.now() - this.progress.started) / 1000;
      this.hooks.onProgress(this.progress);
      this.repaint();
    } else if (m.type === 'error') {
      this.hooks.onError(m);
    }
  }

  drawChart() {
    if (!this.nb) return;
    const levels = this.nb.map((_, l) => l);
    const logs = this.nb.map((n) => (n > 0 ? Math.log2(n) : null));
    const fit = fitAlpha(this.nb);
    const line = levels.map((l) => (fit && l >= fit.levels[0] ? fit.intercept + fit.alpha * l
      : null));
    const data = [levels, logs, line];
    const width = Math.max(200, this.chartBox.getBoundingClientRect().width);
    if (!this.chart || this.chartWidth !== width || this.chartK !== this.k) {
      if (this.chart) this.chart.destroy();
      this.chartWidth = width;
      this.chartK = this.k;
      this.chart = new uPlot({
        width, height: 300 * this.k,
        scales: { x: { time: false, range: [0, Math.max(1, this.levels)] },
          // An empty chart (no boundary box at any level) keeps its axis.
          y: { range: (u, lo, hi) => (lo === null || hi === null ? [0, Math.max(1, this.levels)]
            : uPlot.rangeNum(Math.min(0, lo), hi, 0.1, true)) } },
        axes: chartAxes(this.k, [{ label: 'level l', incrs: [1, 2, 5, 10] },
          { label: 'log2 N_B(l)' }]),
        series: [{ label: 'level' },
          { label: 'log2 N_B', stroke: '#1f4e99', width: 0, points: { show: true, size: 7,
            fill: '#1f4e99' } },
          { label: 'fit', stroke: '#b22222', width: 2, dash: [6, 4], points: { show: false } }],
        legend: { show: false },
      }, data, this.chartBox);
    } else {
      this.chart.setData(data);
    }
  }

  /** The eta axis below the strip: ticks at round values, the interval's label. */
  drawAxis(ctx) {
    const d = this.dpr;
    const w = this.strip.width / d;
    ctx.save();
    ctx.setTransform(d, 0, 0, d, 0, 0);
    ctx.fillStyle = '#fff';
    const k = this.k;
    const top = this.stripH;
    ctx.fillRect(0, top, w, this.axisH);
    ctx.strokeStyle = '#333';
    ctx.fillStyle = '#222';
    ctx.lineWidth = 1;
    ctx.font = font(11, k);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const ticks = linearTicks(this.etaMin, this.etaMax, Math.max(3, Math.round(w / (110 * k))));
    for (const t of ticks) {
      const x = ((t - this.etaMin) / (this.etaMax - this.etaMin)) * w;
      if (x < -0.5 || x > w + 0.5) continue;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + 5 * k);
      ctx.stroke();
      ctx.fillText(formatTick(t, ticks), Math.min(w - 14 * k, Math.max(14 * k, x)), top + 7 * k);
    }
    ctx.font = font(12, k, 'italic');
    ctx.fillText(`learning rate η in [${this.etaMin}, ${this.etaMax}]`, w / 2, top + 22 * k);
    ctx.restore();
  }

  bindInput() {
    let drag = null;
    this.strip.addEventListener('pointermove', (e) => {
      if (drag) {
        drag.x = this.localX(e);
        this.drawBox(drag);
        return;
      }
      const eta = this.etaAt(e);
      const j = this.indexAt(e);
      const v = this.points ? this.points[j] : 0;
      const outcome = !v ? 'not computed yet' : v > 0 ? `divergent at step ${Math.ceil(v - 1)}`
        : `bounded (settling time ${(-v - 1).toFixed(1)} steps)`;
      this.hooks.onReadout(`η = ${eta.toPrecision(10)}: ${outcome}`);
    });
    this.strip.addEventListener('pointerdown', (e) => {
      if (!e.shiftKey) return;
      drag = { start: this.localX(e), x: this.localX(e) };
      this.strip.setPointerCapture(e.pointerId);
    });
    this.strip.addEventListener('pointerup', (e) => {
      const d = drag;
      drag = null;
      if (!d) return;
      const w = this.strip.width / this.dpr;
      const a = Math.min(d.start, d.x);
      const b = Math.max(d.start, d.x);
      if (b - a < 3) return this.repaint();
      this.zoomTo(this.etaMin + (a / w) * (this.etaMax - this.etaMin),
        this.etaMin + (b / w) * (this.etaMax - this.etaMin));
    });
    this.strip.addEventListener('click', (e) => {
      if (e.shiftKey) return;
      this.hooks.onPick({ ...this.cleanParams(), eta: this.etaAt(e) });
    });
    this.strip.addEventListener('wheel', (e) => {
      e.preventDefault();
      const eta = this.etaAt(e);
      const f = Math.pow(1.2, e.deltaY / 100);
      this.zoomTo(eta - (eta - this.etaMin) * f, eta + (this.etaMax - eta) * f);
    }, { passive: false });
  }

  localX(e) {
    return e.clientX - this.strip.getBoundingClientRect().left;
  }

  drawBox(d) {
    this.repaint();
    const ctx = this.strip.getContext('2d');
    ctx.save();
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.strokeStyle = '#111';
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(Math.min(d.start, d.x), 1, Math.abs(d.x - d.start), this.stripH - 2);
    ctx.restore();
  }

  /**
   * Asks for the line on [a, b] (rounded to 12 significant digits, so the link stays short), when
   * the wheel or the box settles; a narrower interval than float64 resolves is not asked.
   */
  zoomTo(a, b) {
    const round = (v) => Number(v.toPrecision(12));
    const lo = round(Math.min(a, b));
    const hi = round(Math.max(a, b));
    if (!(hi > lo) || (hi - lo) < 1e-10 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300)) return;
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.hooks.onZoom(lo, hi), 250);
  }

  indexAt(e) {
    const r = this.strip.getBoundingClientRect();
    const n = 2 ** this.levels;
    return Math.min(n, Math.max(0, Math.round(((e.clientX - r.left) / r.width) * n)));
  }

  /** The learning rate of the grid point under the pointer (numpy.linspace, as the server). */
  etaAt(e) {
    const j = this.indexAt(e);
    const n = 2 ** this.levels;
    if (j === n) return this.etaMax;
    return this.etaMin + j * ((this.etaMax - this.etaMin) / n);
  }
}
