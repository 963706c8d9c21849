// The whole view state in the URL hash, so that a link reproduces the view exactly.
// Pure: tested in web/test/state.test.mjs.

export const PARAM_NAMES = ['family', 'eps', 'lambda', 'eps2', 'lambda2', 'dim', 'x0', 'steps',
  'bound', 'eta', 'inputs', 'hidden', 'points', 'activation', 'seed', 'batch', 'offset',
  'optimizer', 'beta', 'beta1', 'beta2', 'adam-eps'];

export const PRESETS = {
  transition: {
    label: 'eta-eps transition plane',
    mode: 'plane',
    params: { family: 'additive', lambda: '1', x0: '5' },
    plane: { x: 'eta:0.85:1.1', y: 'eps:0:0.3' },
  },
  fig2a: {
    label: 'Fig. 2a line (additive)',
    mode: 'line',
    params: { family: 'additive', eps: '0.2', lambda: '0.1' },
    line: { levels: 18, etaMin: '0', etaMax: '1.5' },
  },
  fig2b: {
    label: 'Fig. 2b line (multiplicative)',
    mode: 'line',
    params: { family: 'multiplicative', eps: '0.2', lambda: '0.1' },
    line: { levels: 18, etaMin: '0', etaMax: '1.5' },
  },
  mlp: {
    label: 'Trainability of a network (mlp, per-layer learning rates)',
    mode: 'plane',
    params: { family: 'mlp' },
    plane: { x: 'eta0:0.001:1000000:log', y: 'eta1:0.001:1000000:log' },
    colormap: 'spectral',
  },
  etaBeta: {
    label: 'Heavy ball: eta x beta plane (additive)',
    mode: 'plane',
    params: { family: 'additive', eps: '0.2', lambda: '0.1', optimizer: 'momentum' },
    plane: { x: 'eta:0:2', y: 'beta:0:0.95' },
  },
  momentumSweep: {
    label: 'Momentum sweep: alpha over (eps, lambda), beta 0.9',
    mode: 'sweeps',
    params: { family: 'additive' },
    // The sweeps form's fields: eta up to 1.5 (1 + beta), where the quadratic's edge moved.
    sweepForm: { family: 'additive', fixed: 'x0=5 optimizer=momentum beta=0.9 eta-max=2.85',
      grid1: 'eps=0.01:0.2:10', grid2: 'lambda=0.01:1:10', levels: '16' },
  },
  fig1d: {
    label: 'Fig. 1d strip (multiplicative, eps 1e-3)',
    mode: 'line',
    params: { family: 'multiplicative', eps: '0.001', lambda: '0.1' },
    line: { levels: 18, etaMin: '0', etaMax: '1.5' },
  },
};

/** A complete state from a preset name. */
export function presetState(name) {
  const p = PRESETS[name];
  return normalize({
    mode: p.mode,
    params: { ...p.params },
    plane: p.plane ? { ...p.plane, window: { u0: 0, u1: 1, v0: 0, v1: 1 } } : undefined,
    line: p.line ? { ...p.line } : undefined,
    colormap: p.colormap || 'paper',
  });
}

/** Fills what a state leaves out with defaults. */
export function normalize(s) {
  return {
    mode: ['line', 'sweeps', 'reproduce'].includes(s.mode) ? s.mode : 'plane',
    params: { ...s.params },
    sweep: Number.isInteger(s.sweep) ? s.sweep : null,
    plane: {
      x: 'eta:0.85:1.1', y: 'eps:0:0.3',
      ...(s.plane || {}),
      window: { u0: 0, u1: 1, v0: 0, v1: 1, ...((s.plane && s.plane.window) || {}) },
    },
    line: { levels: 16, etaMin: '0', etaMax: '1.5', ...(s.line || {}) },
    colormap: s.colormap === 'spectral' ? 'spectral' : 'paper',
  };
}

/** The URL hash of a state (without '#'). */
export function toHash(s) {
  const q = new URLSearchParams();
  q.set('mode', s.mode);
  for (const name of PARAM_NAMES) {
    const v = s.params[name];
    if (v !== undefined && v !== null && v !== '') q.set(name, String(v));
  }
  if (s.mode === 'reproduce') {
    // Nothing more: the page lists the server's reproductions.
  } else if (s.mode === 'sweeps') {
    if (s.sweep !== null) q.set('sweep', String(s.sweep));
  } else if (s.mode === 'plane') {
    q.set('x', s.plane.x);
    q.set('y', s.plane.y);
    const w = s.plane.window;
    q.set('view', [w.u0, w.u1, w.v0, w.v1].map((n) => String(n)).join(','));
  } else {
    q.set('levels', String(s.line.levels));
    q.set('eta-min', String(s.line.etaMin));
    q.set('eta-max', String(s.line.etaMax));
  }
  q.set('cmap', s.colormap);
  return q.toString();
}

/** The state a URL hash describes, or null when it describes none. */
export function fromHash(hash) {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const mode = q.get('mode');
  if (!mode || (!['sweeps', 'reproduce'].includes(mode) && !q.has('family'))) return null;
  const params = {};
  for (const name of PARAM_NAMES) if (q.has(name)) params[name] = q.get(name);
  const s = { mode, params, colormap: q.get('cmap') || 'paper' };
  if (mode === 'reproduce') {
    if (!params.family) params.family = 'additive';
  } else if (mode === 'sweeps') {
    const id = Number(q.get('sweep'));
    s.sweep = q.has('sweep') && Number.isInteger(id) ? id : null;
    if (!params.family) params.family = 'additive';
  } else if (s.mode === 'plane') {
    const view = (q.get('view') || '0,1,0,1').split(',').map(Number);
    const ok = view.length === 4 && view.every(Number.isFinite);
    s.plane = {
      x: q.get('x') || 'eta:0.85:1.1',
      y: q.get('y') || 'eps:0:0.3',
      window: ok ? { u0: view[0], u1: view[1], v0: view[2], v1: view[3] } : undefined,
    };
  } else {
    s.line = {
      levels: Number(q.get('levels')) || 16,
      etaMin: q.get('eta-min') || '0',
      etaMax: q.get('eta-max') || '1.5',
    };
  }
  return normalize(s);
}

/** An axis spec "name:min:max[:log]" as {axis, min, max, scale}, or null when malformed. */
export function parseAxis(text) {
  const parts = String(text).split(':');
  if (parts.length < 3 || parts.length > 4) return null;
  const min = Number(parts[1]);
  const max = Number(parts[2]);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return null;
  return { axis: parts[0], min, max, scale: parts[3] === 'log' ? 'log' : 'linear' };
}

export function axisText(a) {
  return `${a.axis}:${a.min}:${a.max}${a.scale === 'log' ? ':log' : ''}`;
}

/** The part t0..t1 (normalised, 0 = min) of an axis "name:min:max[:log]", as an axis text. */
export function windowAxis(text, t0, t1) {
  const a = parseAxis(text);
  const at = (t) => (a.scale === 'log'
    ? 10 ** (Math.log10(a.min) + t * (Math.log10(a.max) - Math.log10(a.min)))
    : a.min + t * (a.max - a.min));
  return axisText({ axis: a.axis, min: t0 === 0 ? a.min : at(t0), max: t1 === 1 ? a.max : at(t1),
    scale: a.scale });
}
