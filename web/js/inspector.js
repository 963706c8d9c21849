// The trajectory inspector (paper A's Fig. S1): one GD run from /api/trajectory, drawn as the
// loss against the step on a log scale, x_t against t, and the loss landscape along the path
// with the iterates on it, joined in the order GD visited them (a cobweb of its jumps); with
// momentum or Nesterov the velocity v_t, with Adam its moments m_t and sqrt(s_t).

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { uiScale, chartAxes } from './ui.js';

export class Inspector {
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.charts = [];
    root.querySelector('.close').addEventListener('click', () => this.hide());
  }

  hide() {
    this.root.hidden = true;
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
  }

  async show(params) {
    const query = new URLSearchParams(params).toString();
    const title = this.root.querySelector('.title');
    title.textContent = 'computing the run...';
    this.root.hidden = false;
    const response = await fetch(`/api/trajectory?${query}`);
    const run = await response.json();
    if (!response.ok) {
      title.textContent = `cannot show this run: ${run.field}: ${run.message}`;
      return;
    }
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    if (run.family === 'mlp') {
      this.showTraining(run, title);
      return;
    }
    const etas = run.eta.map((e) => e.toPrecision(8)).join(', ');
    title.textContent = `${run.family}${optimizerText(run)}, η = ${etas}: ${run.divergent
      ? `divergent at step ${run.diverge_step}` : `bounded for all ${run.steps} steps`}`;
    const box = this.root.querySelector('.charts');
    box.replaceChildren();
    const state = run.velocity || run.moment1;
    const width = chartWidth(box, state ? 4 : 3, 240);
    const k = uiScale();
    const t = run.loss.map((_, i) => i);
    const allPositive = run.loss.every((f) => f === null || f > 0);
    this.charts.push(new uPlot({
      width, height: 220 * k, title: `loss f(x_t) (${allPositive ? 'log' : 'asinh'} scale)`,
      scales: { x: { time: false }, y: { distr: allPositive ? 3 : 4 } },
      axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
      series: [{}, { label: 'f', stroke: '#a50f15', width: 1.5 }],
      legend: { show: false },
    }, [t, run.loss], box));
    const coords = run.x[0].length;
    const xSeries = [];
    for (let d = 0; d < Math.min(coords, 4); d++) xSeries.push(run.x.map((x) => x[d]));
    this.charts.push(new uPlot({
      width, height: 220 * k, title: coords === 1 ? 'x_t' : 'x_t (first coordinates)',
      scales: { x: { time: false } },
      axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
      series: [{}, ...xSeries.map((_, d) => ({ label: `x${d + 1}`,
        stroke: ['#08306b', '#2a9d8f', '#e9c46a', '#6d597a'][d], width: 1.5 }))],
      legend: { show: false },
    }, [t, ...xSeries], box));
    if (state) this.charts.push(stateChart(run, t, width, box, k));
    if (run.landscape) this.charts.push(landscapeChart(run, width, box, k));
    else {
      const note = document.createElement('p');
      note.className = 'note';
      note.textContent = 'Landscape not shown: with different learning rates per coordinate '
        + 'the run leaves the diagonal, so no single curve holds its path.';
      box.append(note);
    }
  }
}

/**
 * A network's training (family mlp): its full-batch loss against the step, and v_t = l_t / l_0
 * as the convergence measure takes it, with the line v = 1 that the mean of the last 20 decides
 * against.
 */
Inspector.prototype.showTraining = function showTraining(run, title) {
  title.textContent = `mlp (${run.activation})${optimizerText(run)}, `
    + `η₀ = ${run.eta0.toPrecision(8)}, `
    + `η₁ = ${run.eta1.toPrecision(8)}${run.offset ? `, offset ${run.offset}` : ''}: `
    + (run.trainable ? `trainable, Σ v = ${(-run.value).toPrecision(5)}`
      : `not trainable, Σ 1/v = ${run.value.toPrecision(5)}`)
    + (run.known < run.steps ? ` (W1 all NaN after step ${run.known})` : '');
  const box = this.root.querySelector('.charts');
  box.replaceChildren();
  const width = chartWidth(box, run.velocity_rms || run.moment1_rms ? 3 : 2, 260);
  const k = uiScale();
  const t = run.loss.map((_, i) => i);
  this.charts.push(new uPlot({
    width, height: 220 * k, title: 'full-batch loss l_t (log scale)',
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
    series: [{}, { label: 'loss', stroke: '#a50f15', width: 1.5 }],
    legend: { show: false },
  }, [t, run.loss.map((l) => (l !== null && l > 0 ? l : null))], box));
  const tail = t.map((i) => (i >= run.loss.length - run.tail ? 1 : null));
  this.charts.push(new uPlot({
    width, height: 220 * k,
    title: `v_t = l_t / l_0 (log); trainable iff its last ${run.tail} average < 1`,
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
    series: [{}, { label: 'v', stroke: '#08306b', width: 1.5 },
      { label: 'v = 1 over the last steps', stroke: '#e9c46a', width: 2, dash: [6, 4] }],
    legend: { show: false },
  }, [t, run.v, tail], box));
  const first = run.velocity_rms || run.moment1_rms;
  if (first) {
    const series = [{ label: run.velocity_rms ? 'v' : 'm', stroke: '#6d597a', width: 1.5 }];
    const data = [first];
    if (run.moment2_root_mean) {
      series.push({ label: '√s', stroke: '#2a9d8f', width: 1.5, dash: [6, 4] });
      data.push(run.moment2_root_mean);
    }
    this.charts.push(new uPlot({
      width, height: 220 * k,
      title: run.velocity_rms ? 'velocity, rms over the weights'
        : 'Adam over the weights: rms of m_t, √(mean s_t) dashed',
      scales: { x: { time: false } },
      axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
      series: [{}, ...series],
      legend: { show: false },
    }, [t, ...data], box));
  }
};

/** The width of each of count charts side by side in the box (12 px gaps), at least min. */
function chartWidth(box, count, min) {
  return Math.max(min, Math.floor((box.getBoundingClientRect().width - 12 * (count - 1) - 4)
    / count));
}

/** " with momentum, β = 0.9" and so on: the optimizer and its parameters, none for GD. */
function optimizerText(run) {
  if (!run.optimizer || run.optimizer === 'gd') return '';
  const short = (v) => String(Number(v.toPrecision(8)));
  if (run.optimizer === 'adam') {
    return ` with adam (β₁ ${short(run.beta1)}, β₂ ${short(run.beta2)}, `
      + `ε ${short(run.adam_eps)})`;
  }
  return ` with ${run.optimizer}, β = ${short(run.beta)}`;
}

/** The optimizer's state of the first coordinate at each iterate. */
function stateChart(run, t, width, box, k) {
  const series = run.velocity
    ? [{ label: 'v', stroke: '#6d597a', width: 1.5 }]
    : [{ label: 'm', stroke: '#6d597a', width: 1.5 },
      { label: '√s', stroke: '#2a9d8f', width: 1.5, dash: [6, 4] }];
  const data = run.velocity ? [run.velocity.map((v) => v[0])]
    : [run.moment1.map((m) => m[0]),
      run.moment2.map((s) => (s[0] === null ? null : Math.sqrt(s[0])))];
  return new uPlot({
    width, height: 220 * k,
    title: run.velocity ? 'velocity v_t (first coordinate)'
      : 'Adam: m_t and √s_t, dashed (first coordinate)',
    scales: { x: { time: false } },
    axes: chartAxes(k, [{ label: 'step t' }, { size: 64 }]),
    series: [{}, ...series],
    legend: { show: false },
  }, [t, ...data], box);
}

function landscapeChart(run, width, box, k) {
  const kept = run.divergent ? Math.max(1, run.diverge_step) : run.x.length;
  const path = run.x.slice(0, kept + 1).map((x, i) => [x[0], run.loss[i]]);
  return new uPlot({
    width, height: 220 * k,
    title: run.landscape.along === 'x' ? 'f(x) with the iterates' : 'f along the diagonal',
    scales: { x: { time: false } },
    axes: chartAxes(k, [{ label: run.landscape.along === 'x' ? 'x' : 's, x = (s, ..., s)' }, {}]),
    series: [{}, { label: 'f', stroke: '#555', width: 1 }],
    legend: { show: false },
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.beginPath();
        ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
        ctx.clip();
        ctx.strokeStyle = 'rgba(165, 15, 21, 0.75)';
        ctx.fillStyle = '#a50f15';
        ctx.lineWidth = 1;
        ctx.beginPath();
        path.forEach(([x, f], i) => {
          if (x === null || f === null) return;
          const px = u.valToPos(x, 'x', true);
          const py = u.valToPos(f, 'y', true);
          if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        });
        ctx.stroke();
        path.forEach(([x, f]) => {
          if (x === null || f === null) return;
          ctx.beginPath();
          ctx.arc(u.valToPos(x, 'x', true), u.valToPos(f, 'y', true), 2.5, 0, 2 * Math.PI);
          ctx.fill();
        });
        ctx.restore();
      }],
    },
  }, [run.landscape.s, run.landscape.f], box);
}
