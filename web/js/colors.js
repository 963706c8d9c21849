// Colour maps over tile values v (sign = class: v > 0 divergent, v < 0 bounded; |v| = speed,
// larger closer to the boundary). Each map turns a Float32Array into RGBA without asking the
// server again, so switching maps only recolours.

const SPECTRAL = ['#9e0142', '#d53e4f', '#f46d43', '#fdae61', '#fee08b', '#ffffbf',
  '#e6f598', '#abdda4', '#66c2a5', '#3288bd', '#5e4fa2'];

function hex(c) {
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
}

function ramp(stops, n = 256) {
  const rgb = stops.map(hex);
  const lut = new Uint8ClampedArray(n * 3);
  for (let i = 0; i < n; i++) {
    const t = (i / (n - 1)) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = rgb[k][c] + (rgb[k + 1][c] - rgb[k][c]) * f;
  }
  return lut;
}

const BOUNDED = ramp(['#add8e6', '#08306b']);
const DIVERGENT = ramp(['#ffcccb', '#a50f15']);
const SPECTRAL_LUT = ramp(SPECTRAL);

/** A legend segment's label when its class is nowhere in the view. */
const NONE_SEEN = [{ t: 0.5, text: 'none here' }];

/**
 * What a family's values measure: for the losses, times in steps (bounded -(1 + settling time));
 * for the network, Sohl-Dickstein's convergence measure (trainable -sum v, not +sum 1/v).
 */
function measures(network) {
  return network
    ? { divergent: 'not trainable: Σ 1/v', bounded: 'trainable: Σ v', unit: 'v = l/l₀',
      offset: 0 }
    : { divergent: 'diverges: escape time', bounded: 'bounded: settling time', unit: 'steps',
      offset: 1 };
}

/** Class of a value: true when divergent. */
export const isDivergent = (v) => v > 0;

/**
 * Paper A's Fig. 1d colours: bounded light to dark blue by log settling time, divergent light
 * to dark red by log escape time, each class stretched between its 1st and 99th percentile of
 * the values seen (paper A normalises each class to its own range).
 * @param sample values seen so far (both classes)
 */
export function paperMap(sample, network = false) {
  const m = measures(network);
  const range = (values) => {
    const logs = Float64Array.from(values, (s) => Math.log1p(s)).sort();
    if (logs.length < 2) return [0, 1];
    const lo = logs[Math.floor(0.01 * (logs.length - 1))];
    const hi = logs[Math.ceil(0.99 * (logs.length - 1))];
    return hi > lo ? [lo, hi] : [lo, lo + 1];
  };
  const boundedSample = sample.filter((v) => v < 0).map((v) => -v - m.offset);
  const divergentSample = sample.filter((v) => v > 0);
  const [blo, bhi] = range(boundedSample);
  const [dlo, dhi] = range(divergentSample);
  const map = (v, out, o) => {
    const divergent = v > 0;
    const lut = divergent ? DIVERGENT : BOUNDED;
    const s = Math.log1p(divergent ? v : -v - m.offset);
    const t = divergent ? (s - dlo) / (dhi - dlo) : (s - blo) / (bhi - blo);
    const i = Math.round(Math.min(1, Math.max(0, t)) * 255) * 3;
    out[o] = lut[i]; out[o + 1] = lut[i + 1]; out[o + 2] = lut[i + 2]; out[o + 3] = 255;
  };
  // The colour bar: each class light to dark, labelled in steps at its stretch's ends.
  const segment = (title, lut, lo, hi, seen) => ({ title, unit: `${m.unit}, log scale`,
    color: (t) => lutColor(lut, t),
    labels: seen ? [0, 0.5, 1].map((t) => ({ t, text: steps(Math.expm1(lo + t * (hi - lo))) }))
      : NONE_SEEN });
  map.legend = [segment(m.divergent, DIVERGENT, dlo, dhi, divergentSample.length),
    segment(m.bounded, BOUNDED, blo, bhi, boundedSample.length)];
  return map;
}

/**
 * The colour map called name ('paper' or 'spectral') for a sample of values; network: the
 * values are the mlp family's convergence measure.
 */
export function colorMap(name, sample, network = false) {
  return name === 'spectral' ? spectralMap(sample, network) : paperMap(sample, network);
}

/**
 * Paper B's colours: a sign-preserving rank (CDF) stretch, bounded values by rank onto
 * [0.25, 1] and divergent onto [-1, -0.25] as in Sohl-Dickstein's cdf_img, through Spectral:
 * bounded blue-green, divergent red-orange, dark near the boundary.
 * @param sample values seen so far (both classes), from which the ranks are taken
 */
export function spectralMap(sample, network = false) {
  const m = measures(network);
  const bounded = Float32Array.from(sample.filter((v) => v < 0)).sort();
  const divergent = Float32Array.from(sample.filter((v) => v > 0)).sort();
  const rank = (sorted, v) => {
    if (sorted.length < 2) return 0.5;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1; else hi = mid;
    }
    return lo / sorted.length;
  };
  const map = (v, out, o) => {
    // Slow convergence (most negative) -> 1 (deep blue); slow divergence (largest) -> 0.
    const s = v < 0 ? 0.625 + 0.375 * (1 - rank(bounded, v)) : 0.375 - 0.375 * rank(divergent, v);
    const i = Math.round(Math.min(1, Math.max(0, s)) * 255) * 3;
    out[o] = SPECTRAL_LUT[i]; out[o + 1] = SPECTRAL_LUT[i + 1]; out[o + 2] = SPECTRAL_LUT[i + 2];
    out[o + 3] = 255;
  };
  // The colour bar: each class by rank, labelled with the values at its ends and median.
  const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1,
    Math.floor(q * sorted.length))] : NaN);
  map.legend = [
    { title: m.divergent, unit: `${m.unit}, by rank`,
      color: (t) => lutColor(SPECTRAL_LUT, 0.375 * t),
      labels: divergent.length ? [0, 0.5, 1].map((t) => ({ t,
        text: steps(quantile(divergent, 1 - t)) })) : NONE_SEEN },
    { title: m.bounded, unit: `${m.unit}, by rank`,
      color: (t) => lutColor(SPECTRAL_LUT, 1 - 0.375 * t),
      labels: bounded.length ? [0, 0.5, 1].map((t) => ({ t,
        text: steps(-quantile(bounded, t) - m.offset) })) : NONE_SEEN },
  ];
  return map;
}

/** The colour of a lookup table at t in [0, 1], as CSS. */
function lutColor(lut, t) {
  const i = Math.round(Math.min(1, Math.max(0, t)) * 255) * 3;
  return `rgb(${lut[i]},${lut[i + 1]},${lut[i + 2]})`;
}

/** A number of steps for a label: no more digits than it needs. */
function steps(v) {
  if (!Number.isFinite(v)) return '–';
  if (v >= 1e4) return v.toExponential(1).replace('e+', 'e');
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1);
}
