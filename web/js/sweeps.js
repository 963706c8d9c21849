// The sweeps page: start a sweep, watch the list with progress and ETA, and for the chosen
// sweep the alpha heat map filling in cell by cell and alpha against the roughness theta with
// the critical line 1/(2 pi^2). A cell opens its line in the line view.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { uiScale, chartAxes } from './ui.js';
import { gradient } from './legend.js';

const CRITICAL = 1 / (2 * Math.PI * Math.PI);
const PLASMA = ['#0d0887', '#6a00a8', '#b12a90', '#e16462', '#fca636', '#f0f921'];

/**
 * The heat map's margins: tick labels and axis names left and below, the colour bar right; the
 * whole map is drawn in these units and scaled by ui.js's factor.
 */
const HEAT_MARGIN = { left: 64, right: 110, top: 10, bottom: 40 };
const ALPHA_MAX = 1.2;

/** The colour bar of alpha, 0 at the bottom to ALPHA_MAX at the top, with ticks. */
function drawAlphaBar(ctx, height) {
  ctx.fillStyle = gradient(ctx, 0, height, (t) => plasma(1 - t));
  ctx.fillRect(0, 0, 14, height);
  ctx.strokeStyle = '#666';
  ctx.strokeRect(0.5, 0.5, 14, height);
  ctx.fillStyle = '#222';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const a of [0, 0.4, 0.8, 1.2]) {
    const y = (1 - a / ALPHA_MAX) * height;
    ctx.beginPath();
    ctx.moveTo(14, y);
    ctx.lineTo(18, y);
    ctx.stroke();
    ctx.fillText(a.toFixed(1), 20, y);
  }
  ctx.save();
  ctx.font = 'italic 12px system-ui, sans-serif';
  ctx.translate(58, height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('α, boundary dimension', 0, 0);
  ctx.restore();
}

function plasma(t) {
  const x = Math.min(1, Math.max(0, t)) * (PLASMA.length - 1);
  const k = Math.min(PLASMA.length - 2, Math.floor(x));
  const a = PLASMA[k].match(/\w\w/g).map((h) => parseInt(h, 16));
  const b = PLASMA[k + 1].match(/\w\w/g).map((h) => parseInt(h, 16));
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * (x - k))).join(',')})`;
}

/** NAME=MIN:MAX:COUNT as {name, values}. */
function gridAxis(text) {
  const [name, range] = text.split('=');
  const [min, max, count] = range.split(':').map(Number);
  const values = [];
  for (let i = 0; i < count; i++) {
    values.push(count === 1 ? min : i === count - 1 ? max : min + i * ((max - min) / (count - 1)));
  }
  return { name, values };
}

export class SweepsView {
  /** @param hooks {onOpenLine(state), onSelect(id)} */
  constructor(root, socket, hooks) {
    this.root = root;
    this.socket = socket;
    this.hooks = hooks;
    this.selected = null;
    this.cells = [];
    root.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
    // Until a sweep is picked, a hint instead of empty figures.
    this.figures = root.querySelector('.sweep-figures');
    this.figures.style.display = 'none';
    root.querySelector('.title').textContent =
      'Click a sweep to see its α heat map and α against roughness θ, filling in as cells finish.';
    this.heat = root.querySelector('canvas.heat');
    this.heat.addEventListener('pointermove', (e) => this.hover(e));
    this.heat.addEventListener('click', (e) => this.pickCell(e));
  }

  /** Puts a preset's values in the new-sweep form, to start or edit. */
  fillForm(values) {
    const form = this.root.querySelector('form');
    for (const [name, value] of Object.entries(values)) form[name].value = value;
  }

  async show(id) {
    await this.refresh();
    if (id) this.select(id);
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), 2000);
  }

  hide() {
    clearInterval(this.timer);
  }

  async create() {
    const form = this.root.querySelector('form');
    const body = { family: form.family.value, levels: Number(form.levels.value) };
    for (const pair of form.fixed.value.split(/[\s,]+/).filter(Boolean)) {
      const [k, v] = pair.split('=');
      body[k] = v;
    }
    body.grid = [form.grid1.value, form.grid2.value].map((g) => g.trim()).filter(Boolean);
    const r = await fetch('/api/sweeps', { method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' } });
    const answer = await r.json();
    const error = this.root.querySelector('.error');
    if (!r.ok) {
      error.textContent = `${answer.field}: ${answer.message}`;
      return;
    }
    error.textContent = '';
    await this.refresh();
    this.select(answer.id);
  }

  async refresh() {
    const r = await fetch('/api/sweeps');
    const { sweeps } = await r.json();
    this.sweeps = sweeps;
    const list = this.root.querySelector('tbody');
    list.replaceChildren(...sweeps.slice().reverse().map((s) => this.row(s)));
    // Cells pushed before the watch began (or skipped by a full socket) come from the API.
    const chosen = sweeps.find((s) => s.id === this.selected);
    if (chosen && this.axes && chosen.cells_done !== this.cells.filter(Boolean).length) {
      await this.load(chosen.id);
    }
  }

  row(s) {
    const tr = document.createElement('tr');
    tr.dataset.id = s.id;
    tr.classList.toggle('selected', s.id === this.selected);
    const cell = (text) => {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
      return td;
    };
    cell(`#${s.id}`);
    cell(`${s.request.family} ${(s.request.grid || []).join(' ')}`);
    const bar = cell('');
    const progress = document.createElement('progress');
    progress.max = s.cells_total;
    progress.value = s.cells_done;
    bar.append(progress, ` ${s.cells_done}/${s.cells_total}`);
    const state = cell(s.state === 'running' && s.eta_seconds != null
      ? `${Math.round(s.eta_seconds)} s left` : s.state);
    // A paused sweep waits for the database (disk full, locked, read-only), a failed one
    // stopped for good: say why.
    if (s.error) {
      state.classList.add(s.state === 'failed' ? 'failed' : 'paused');
      const reason = document.createElement('div');
      reason.className = 'reason';
      reason.textContent = s.error.replace(/^the database could not be written or read: /, '');
      state.append(reason);
    }
    const actions = cell('');
    const csv = document.createElement('a');
    csv.href = `/api/sweeps/${s.id}/csv`;
    csv.textContent = 'CSV';
    actions.append(csv);
    if (s.state === 'running' || s.state === 'paused' || s.state === 'queued') {
      const stop = document.createElement('button');
      stop.textContent = 'Cancel';
      stop.addEventListener('click', async (e) => {
        e.stopPropagation();
        await fetch(`/api/sweeps/${s.id}/cancel`, { method: 'POST' });
        this.refresh();
      });
      actions.append(' ', stop);
    }
    tr.addEventListener('click', () => this.select(s.id));
    return tr;
  }

  async select(id) {
    this.selected = id;
    this.figures.style.display = '';
    this.hooks.onSelect(id);
    this.root.querySelectorAll('tbody tr').forEach((tr) => {
      tr.classList.toggle('selected', Number(tr.dataset.id) === id);
    });
    this.socket.send({ type: 'watch', sweep: id });
    await this.load(id);
  }

  /** Fetches a sweep with its cells and draws it. */
  async load(id) {
    const r = await fetch(`/api/sweeps/${id}`);
    const sweep = await r.json();
    this.sweep = sweep;
    this.axes = sweep.request.grid.map(gridAxis);
    this.cells = [];
    for (const c of sweep.cells) this.cells[c.index] = c;
    this.root.querySelector('.title').textContent = `Sweep #${id}: ${sweep.request.family}, `
      + `${sweep.request.grid.join(' × ')}, ${sweep.request.levels ?? 16} levels`;
    this.draw();
  }

  onMessage(m) {
    if (m.type === 'cell' && m.sweep === this.selected) {
      this.cells[m.cell.index] = m.cell;
      this.draw();
    } else if (m.type === 'sweep') {
      this.refresh();
    }
  }

  /** Heat map: the first axis up (rows), the second across (columns), as paper A's Fig. 2c. */
  layoutGrid() {
    const rows = this.axes[0].values.length;
    const cols = this.axes.length > 1 ? this.axes[1].values.length : 1;
    return { rows, cols };
  }

  /**
   * The heat map with its axes (tick labels at cell centres, the grid's values), a colour bar
   * for alpha, and, where the sweep's axes are eps and lambda of the additive or twocos loss,
   * the convexity threshold eps / lambda^2 = 1/(2 pi^2) as a dashed curve.
   */
  draw() {
    if (!this.axes) return;
    const { rows, cols } = this.layoutGrid();
    const canvas = this.heat;
    const dpr = window.devicePixelRatio || 1;
    const k = uiScale();
    this.k = k;
    const size = Math.min(64, Math.floor(440 / Math.max(rows, cols)));
    const m = HEAT_MARGIN;
    const width = m.left + cols * size + m.right;
    const height = m.top + rows * size + m.bottom;
    canvas.width = Math.round(width * k * dpr);
    canvas.height = Math.round(height * k * dpr);
    canvas.style.width = `${width * k}px`;
    canvas.style.height = `${height * k}px`;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr * k, 0, 0, dpr * k, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.save();
    ctx.translate(m.left, m.top);
    ctx.fillStyle = '#ece8dc';
    ctx.fillRect(0, 0, cols * size, rows * size);
    this.cells.forEach((c, index) => {
      if (!c) return;
      const r = Math.floor(index / cols);
      const k = index % cols;
      ctx.fillStyle = plasma(c.alpha / ALPHA_MAX);
      ctx.fillRect(k * size, (rows - 1 - r) * size, size - 1, size - 1);
    });
    this.drawThreshold(ctx, rows, cols, size);
    this.drawHeatAxes(ctx, rows, cols, size);
    ctx.translate(cols * size + 18, 0);
    drawAlphaBar(ctx, rows * size);
    ctx.restore();
    this.cellSize = size;
    const done = this.cells.filter(Boolean);
    this.root.querySelector('.legend').textContent = `${done.length} of ${rows * cols} cells; `
      + `colour: alpha, the boundary's box-counting dimension, from 0 to ${ALPHA_MAX}`
      + (this.thresholdDrawn ? '; dashed: the convexity threshold ε/λ² = 1/(2π²)' : '');
    this.drawChart(done);
  }

  /** Tick labels at cell centres (about one per 40 px) and each axis's name. */
  drawHeatAxes(ctx, rows, cols, size) {
    ctx.fillStyle = '#222';
    ctx.strokeStyle = '#333';
    ctx.font = '11px system-ui, sans-serif';
    const label = (v) => Number(v.toPrecision(3)).toString();
    const up = this.axes[0];
    const across = this.axes[1];
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const everyRow = Math.max(1, Math.ceil(16 / size));
    up.values.forEach((v, r) => {
      if (r % everyRow !== 0 && r !== up.values.length - 1) return;
      const y = (rows - 1 - r + 0.5) * size;
      ctx.beginPath();
      ctx.moveTo(-4, y);
      ctx.lineTo(0, y);
      ctx.stroke();
      ctx.fillText(label(v), -6, y);
    });
    ctx.save();
    ctx.font = 'italic 12px system-ui, sans-serif';
    ctx.translate(-HEAT_MARGIN.left + 14, rows * size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(up.name, 0, 0);
    ctx.restore();
    if (!across) return;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const everyColumn = Math.max(1, Math.ceil(40 / size));
    across.values.forEach((v, k) => {
      if (k % everyColumn !== 0 && k !== across.values.length - 1) return;
      const x = (k + 0.5) * size;
      ctx.beginPath();
      ctx.moveTo(x, rows * size);
      ctx.lineTo(x, rows * size + 4);
      ctx.stroke();
      ctx.fillText(label(v), x, rows * size + 6);
    });
    ctx.font = 'italic 12px system-ui, sans-serif';
    ctx.fillText(across.name, cols * size / 2, rows * size + 22);
  }

  /**
   * The threshold theta = 1/(2 pi^2) on an eps x lambda map of the additive or twocos loss
   * (theta = eps / lambda^2, plus eps2 / lambda2^2 for twocos), traced cell by cell between
   * the grid's values.
   */
  drawThreshold(ctx, rows, cols, size) {
    this.thresholdDrawn = false;
    const req = this.sweep.request;
    if (!['additive', 'twocos'].includes(req.family)) return;
    const names = this.axes.map((a) => a.name);
    if (!names.every((n) => ['eps', 'lambda', 'eps2', 'lambda2'].includes(n))) return;
    const fixed = { eps: Number(req.eps), lambda: Number(req.lambda),
      eps2: Number(req.eps2 ?? 0), lambda2: Number(req.lambda2 ?? 1) };
    // Continuous grid positions: index t along an axis interpolates its values linearly.
    const valueAt = (axis, t) => {
      const v = axis.values;
      if (v.length === 1) return v[0];
      const i = Math.min(v.length - 2, Math.max(0, Math.floor(t)));
      return v[i] + (t - i) * (v[i + 1] - v[i]);
    };
    const excess = (tUp, tAcross) => {
      const p = { ...fixed };
      p[names[0]] = valueAt(this.axes[0], tUp);
      if (names[1]) p[names[1]] = valueAt(this.axes[1], tAcross);
      let theta = p.eps / (p.lambda * p.lambda);
      if (req.family === 'twocos') theta += p.eps2 / (p.lambda2 * p.lambda2);
      return theta - CRITICAL;
    };
    ctx.save();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    const steps = Math.max(rows, cols) * 8;
    let drawing = false;
    for (let s = 0; s <= steps; s++) {
      const tAcross = (s / steps) * Math.max(0, cols - 1);
      // The row where the threshold is crossed, by bisection along the up axis.
      let lo = 0;
      let hi = rows - 1;
      const a = excess(lo, tAcross);
      const b = excess(hi, tAcross);
      if (!(Number.isFinite(a) && Number.isFinite(b)) || (a < 0) === (b < 0)) {
        drawing = false;
        continue;
      }
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if ((excess(mid, tAcross) < 0) === (a < 0)) lo = mid; else hi = mid;
      }
      const x = (tAcross + 0.5) * size;
      const y = (rows - 1 - lo + 0.5) * size;
      if (drawing) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      drawing = true;
      this.thresholdDrawn = true;
    }
    ctx.stroke();
    ctx.restore();
  }

  drawChart(done) {
    const points = done.filter((c) => c.theta > 0).sort((a, b) => a.theta - b.theta);
    const data = [points.map((c) => c.theta), points.map((c) => c.alpha)];
    const box = this.root.querySelector('.theta-chart');
    if (this.chart) this.chart.destroy();
    this.chart = null;
    if (done.length && done.every((c) => c.theta === null)) {
      // A network has no roughness: there is no alpha-against-theta to draw.
      box.textContent = 'No roughness θ for this family (a network): α is in the heat map.';
      return;
    }
    box.textContent = '';
    this.chart = new uPlot({
      width: Math.max(320, box.getBoundingClientRect().width), height: 300 * this.k,
      title: 'α against roughness θ (dashed: 1/(2π²))',
      scales: { x: { time: false, distr: 3 }, y: { range: [-0.05, 1.3] } },
      axes: chartAxes(this.k, [{ label: 'θ' }, { label: 'α' }]),
      series: [{}, { label: 'α', stroke: '#6a00a8', width: 0,
        points: { show: true, size: 7, fill: '#6a00a8' } }],
      legend: { show: false },
      hooks: { draw: [(u) => {
        const x = u.valToPos(CRITICAL, 'x', true);
        if (!Number.isFinite(x)) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.setLineDash([6, 4]);
        ctx.strokeStyle = '#b22222';
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      }] },
    }, data, box);
  }

  cellAt(e) {
    if (!this.axes) return null;
    const r = this.heat.getBoundingClientRect();
    const { rows, cols } = this.layoutGrid();
    const size = this.cellSize;
    const k = Math.floor(((e.clientX - r.left) / this.k - HEAT_MARGIN.left) / size);
    const row = rows - 1 - Math.floor(((e.clientY - r.top) / this.k - HEAT_MARGIN.top) / size);
    if (k < 0 || k >= cols || row < 0 || row >= rows) return null;
    return row * cols + k;
  }

  /** Where a cell's centre is, in CSS pixels from the heat map's top left corner. */
  cellCenter(index) {
    const { rows, cols } = this.layoutGrid();
    const size = this.cellSize;
    const row = Math.floor(index / cols);
    const k = index % cols;
    return { x: (HEAT_MARGIN.left + (k + 0.5) * size) * this.k,
      y: (HEAT_MARGIN.top + (rows - 1 - row + 0.5) * size) * this.k };
  }

  hover(e) {
    const index = this.cellAt(e);
    const c = index === null ? null : this.cells[index];
    const text = !c ? (index === null ? '' : 'not computed yet')
      : `${Object.entries(c).filter(([k]) => this.axes.some((a) => a.name === k))
        .map(([k, v]) => `${k} = ${v}`).join(', ')}: `
        + `${c.theta === null ? '' : `θ = ${c.theta.toPrecision(4)}, `}`
        + `α = ${c.alpha.toFixed(3)} ± ${c.alpha_se.toFixed(3)} (click to open its line)`;
    this.root.querySelector('.cell-readout').textContent = text;
  }

  pickCell(e) {
    const index = this.cellAt(e);
    const c = index === null ? null : this.cells[index];
    if (!c) return;
    const req = this.sweep.request;
    const params = {};
    for (const [k, v] of Object.entries(req)) {
      if (!['grid', 'levels', 'eta-min', 'eta-max', 'x0-range'].includes(k)) params[k] = String(v);
    }
    for (const a of this.axes) if (a.name !== 'seed') params[a.name] = String(c[a.name]);
    this.hooks.onOpenLine({ mode: 'line', params, line: { levels: req.levels ?? 16,
      etaMin: String(req['eta-min'] ?? 0), etaMax: String(req['eta-max'] ?? 1.5) } });
  }
}
