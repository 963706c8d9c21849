// Wires the page: state in the URL, the socket, the plane and line views, the panel, the
// inspector, exports, and the embed and tour modes for lab displays.

import { BrinkSocket } from './socket.js';
import { PlaneView, cleaned } from './plane.js';
import { LineView } from './line.js';
import { Panel } from './panel.js';
import { Inspector } from './inspector.js';
import { SweepsView } from './sweeps.js';
import { ReproduceView } from './reproduce.js';
import { exportPng, exportJson, exportNpz, exportFigure } from './exporter.js';
import { ZoomRecorder } from './zoom.js';
import { PRESETS, fromHash, presetState, toHash, normalize, windowAxis } from './state.js';

const $ = (s) => document.querySelector(s);
const query = new URLSearchParams(location.search);
const embed = query.get('embed') === '1';
const tour = query.get('tour') === '1';
document.body.classList.toggle('embed', embed);

let state = fromHash(location.hash) || presetState('transition');
let panel = null;
// The server's limits (GET /api/families), once known.
let limits = {};
// Set once the families are known; runs when the socket is open.
let pendingStart = null;

let started = false;
const status = (s, detail) => {
  const el = $('#connection');
  if (s === 'reconnected') {
    s = 'connected';
    if (started) apply(state);
  }
  if (s === 'connected' && !started && pendingStart) pendingStart();
  el.dataset.state = s;
  el.textContent = s === 'reconnecting' ? `reconnecting in ${(detail / 1000).toFixed(1)} s`
    : s;
  document.body.dataset.connection = s;
  $('#unreachable').textContent = s === 'reconnecting'
    ? `brink server unreachable: retrying in ${(detail / 1000).toFixed(1)} s` : '';
};

const socket = new BrinkSocket({
  onStatus: status,
  onMessage: (m) => {
    if (m.type === 'hello') return;
    if (['cell', 'sweep', 'watching'].includes(m.type)) sweeps.onMessage(m);
    else if (state.mode === 'line') line.onMessage(m);
    else plane.onMessage(m);
  },
  onFrame: (f) => (state.mode === 'line' ? line : plane).onFrame(f),
});

const hooks = {
  onWindow: () => writeHash(),
  onProgress: (p) => showProgress(p),
  onPick: (params) => inspector.show(params),
  onError: (e) => {
    if (panel) panel.showError(e);
    $('#progress').dataset.state = 'error';
    $('#progress-text').textContent = `${e.field ?? ''}: ${e.message}`;
  },
  onReadout: (text) => { $('#readout').textContent = text; },
  onDimension: (m) => {
    const el = $('#dimension');
    if (!m) {
      el.textContent = '';
      return;
    }
    el.dataset.dimension = String(m.dimension);
    // Sohl-Dickstein's estimate beside brink's fit, to compare with his 1.17-1.98.
    const median = typeof m.median_slope_dimension === 'number'
      ? `; median of local slopes ${m.median_slope_dimension.toFixed(3)}` : '';
    el.title = 'dyadic fit: least squares over box sizes 1, 2, 4, ...; median of local slopes: '
      + 'Sohl-Dickstein\'s estimate (porespy box sizes)';
    el.textContent = m.sizes_used >= 3
      ? `boundary dimension ${m.dimension.toFixed(3)} ± ${m.dimension_se.toFixed(3)}${median} `
        + `(${m.width} x ${m.height} points${m.level === undefined ? '' : `, level ${m.level}`})`
      : `boundary dimension: too few boundary boxes (${m.width} x ${m.height} points`
        + `${m.level === undefined ? '' : `, level ${m.level}`})`;
  },
  onZoom: (etaMin, etaMax) => apply({ ...state, line: { ...state.line, etaMin: String(etaMin),
    etaMax: String(etaMax) } }),
  onAlpha: (a) => {
    $('#alpha').textContent = a.levels >= 3
      ? `α = ${a.alpha.toFixed(4)} ± ${a.se.toFixed(4)} (${a.levels} levels with N_B > 1)`
      : a.final ? `α = 0: fewer than 3 levels with N_B > 1 (${a.boundary
        ? 'a smooth boundary' : 'every learning rate here has the same outcome'})`
        : 'α = 0 so far (fewer than 3 levels with N_B > 1)';
    $('#alpha').dataset.alpha = String(a.alpha);
  },
};

const plane = new PlaneView($('#plane'), socket, hooks);
const line = new LineView($('#line'), socket, hooks);
const inspector = new Inspector($('#inspector'));
const reproduce = new ReproduceView($('#reproduce'));
const sweeps = new SweepsView($('#sweeps'), socket, {
  onOpenLine: (partial) => apply({ ...state, ...partial }),
  onSelect: (id) => {
    state.sweep = id;
    writeHash();
  },
});

function showProgress(p) {
  const bar = $('#progress');
  bar.dataset.state = p.finished ? 'done' : 'running';
  bar.dataset.done = String(p.done);
  bar.dataset.total = String(p.total);
  if (p.coarseSeconds !== undefined) bar.dataset.coarse = String(p.coarseSeconds);
  else delete bar.dataset.coarse;
  $('#progress-fill').style.width = `${p.total ? (100 * p.done) / p.total : 0}%`;
  const seconds = p.finished ? p.seconds : (performance.now() - p.started) / 1000;
  const rate = seconds > 0 ? p.steps / seconds : 0;
  // "945 x 497 points" when the view's points are its grid's, else both counts.
  const [gw, gh] = p.grid ? p.grid.split(' x ').map(Number) : [];
  const what = p.grid && gw * gh === p.total ? `${p.grid} points`
    : `${p.total} ${p.unit || 'points'}${p.grid ? ` (a ${p.grid} grid)` : ''}`;
  const extra = [p.kernel ? `${p.kernel} kernel` : '',
    p.coarseSeconds !== undefined && !p.finished ? `covered at ${p.coarseSeconds.toFixed(2)} s`
      : ''].filter(Boolean).join(', ');
  $('#progress-text').textContent = (p.finished
    ? `done: ${what} in ${seconds.toFixed(2)} s`
      + (p.steps ? `, ${rate.toExponential(2)} GD steps/s` : ' (from the cache)')
    : `${p.done} of ${what}` + (p.steps ? `, ${rate.toExponential(2)} GD steps/s` : ''))
    + (extra ? `, ${extra}` : '');
  $('#note').textContent = p.note || '';
}

function writeHash() {
  const hash = toHash(state);
  if (location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
}

function apply(next) {
  state = normalize(next);
  document.body.dataset.mode = state.mode;
  $('#colormap').value = state.colormap;
  document.querySelectorAll('.tabs button').forEach((b) => {
    b.classList.toggle('active', b.dataset.mode === state.mode);
  });
  if (panel) {
    panel.fill(state);
  }
  writeHash();
  inspector.hide();
  $('#alpha').textContent = '';
  $('#dimension').textContent = '';
  if (state.mode === 'reproduce') reproduce.show();
  else reproduce.hide();
  if (state.mode === 'sweeps') {
    sweeps.show(state.sweep);
  } else if (state.mode === 'reproduce') {
    sweeps.hide();
  } else {
    sweeps.hide();
    if (state.mode === 'plane') plane.show(state, state.colormap);
    else line.show(state, state.colormap);
  }
  $('#caption').textContent = caption();
}

function caption() {
  const p = Object.entries(state.params).filter(([, v]) => v !== '' && v !== undefined)
    .map(([k, v]) => `${k} ${v}`).join(', ');
  return state.mode === 'plane'
    ? `brink plane: ${p}; x ${state.plane.x}, y ${state.plane.y}`
    : `brink line: ${p}; 2^${state.line.levels}+1 learning rates in [${state.line.etaMin}, `
      + `${state.line.etaMax}]`;
}

// ---- controls

for (const [name, preset] of Object.entries(PRESETS)) {
  const o = document.createElement('option');
  o.value = name;
  o.textContent = preset.label;
  $('#preset').append(o);
}
$('#preset').addEventListener('change', (e) => {
  const preset = PRESETS[e.target.value];
  if (preset) apply(presetState(e.target.value));
  if (preset && preset.sweepForm) sweeps.fillForm(preset.sweepForm);
  e.target.value = '';
});
$('#colormap').addEventListener('change', (e) => {
  state.colormap = e.target.value;
  writeHash();
  (state.mode === 'plane' ? plane : line).setColormap(state.colormap);
});
document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => {
  apply({ ...state, mode: b.dataset.mode });
}));
$('#reset').addEventListener('click', () => (state.mode === 'plane' ? plane.reset()
  : apply({ ...state, line: { ...state.line, etaMin: '0', etaMax: '1.5' } })));
$('#copy-link').addEventListener('click', async () => {
  writeHash();
  try {
    await navigator.clipboard.writeText(location.href);
    $('#copy-link').textContent = 'Link copied';
  } catch (e) {
    prompt('Copy this link', location.href);
  }
  setTimeout(() => { $('#copy-link').textContent = 'Copy link'; }, 1500);
});
$('#export-png').addEventListener('click', async () => {
  if (state.mode === 'plane') {
    const size = prompt('Figure size W x H in points, computed by the server with axes and a'
      + ' colour bar (e.g. 1600 x 1200); leave empty for the view as shown', '');
    if (size === null) return;
    if (size.trim()) {
      const w = state.plane.window;
      const query = { ...cleaned(state.params), x: windowAxis(state.plane.x, w.u0, w.u1),
        y: windowAxis(state.plane.y, w.v0, w.v1) };
      const error = await exportFigure(query, size, 'brink-plane-figure.png',
        limits.max_rest_pixels);
      $('#export-status').textContent = error ? `figure not made: ${error}` : '';
      return;
    }
  }
  const figures = {
    plane: () => [$('#plane canvas.tiles'), $('#plane canvas.overlay')],
    line: () => [$('#line canvas.strip'), ...document.querySelectorAll('#line .chart canvas')],
    sweeps: () => [$('#sweeps canvas.heat')],
  };
  const canvases = figures[state.mode]();
  exportPng(canvases, `${caption()}. ${$('#alpha').textContent}`, `brink-${state.mode}.png`);
});
const zoom = new ZoomRecorder($('#zoom-status'));
$('#record-zoom').addEventListener('click', () => zoom.record(state));
$('#export-data').addEventListener('click', () => {
  if (state.mode === 'plane') {
    const data = plane.exportData();
    if (data) exportNpz(data, 'brink-plane.npz');
    return;
  }
  const data = {
    line: () => ({ state, nb: line.nb, alpha: line.alpha, values: Array.from(line.points) }),
    sweeps: () => ({ sweep: sweeps.sweep, cells: sweeps.cells.filter(Boolean) }),
  }[state.mode]();
  exportJson(data, `brink-${state.mode}.json`);
});
window.addEventListener('hashchange', () => {
  const s = fromHash(location.hash);
  if (s && toHash(s) !== toHash(state)) apply(s);
});

// ---- tour: presets and zooms in turn, slowly, for lab displays

function startTour() {
  const stops = [
    () => presetState('transition'),
    () => ({ ...presetState('transition'), plane: { ...presetState('transition').plane,
      window: { u0: 0.45, u1: 0.75, v0: 0.3, v1: 0.6 } } }),
    () => presetState('fig2a'),
    () => ({ ...presetState('transition'), plane: { ...presetState('transition').plane,
      window: { u0: 0.5, u1: 0.6, v0: 0.45, v1: 0.55 } } }),
    () => presetState('fig2b'),
  ];
  let i = 0;
  setInterval(() => apply(stops[++i % stops.length]()), 25000);
}

fetch('/api/families').then((r) => r.json()).then((families) => {
  limits = families.limits;
  if (!embed) panel = new Panel($('#panel'), families, { onApply: (partial) => {
    apply({ ...state, ...partial, plane: { ...state.plane, ...partial.plane,
      window: sameAxes(partial.plane) ? state.plane.window : { u0: 0, u1: 1, v0: 0, v1: 1 } } });
  } });
  pendingStart = () => {
    started = true;
    pendingStart = null;
    apply(state);
    if (tour) startTour();
  };
  if ($('#connection').dataset.state === 'connected') pendingStart();
});

function sameAxes(p) {
  return p.x === state.plane.x && p.y === state.plane.y;
}

// For tests and the curious: the live objects.
window.brink = { plane, line, sweeps, get state() { return state; } };
