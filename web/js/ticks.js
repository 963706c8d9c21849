// Axis ticks at "nice" parameter values: 1, 2 or 5 times a power of ten on linear axes,
// powers of ten (and 2 and 5 times them when few decades show) on log axes.

/** About `count` ticks between lo and hi (lo < hi), as numbers. */
export function linearTicks(lo, hi, count = 6) {
  const step0 = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= step0) || 10 * power;
  const ticks = [];
  // Multiples of the step, cleaned of binary noise (17 * 0.05 is 0.8500000000000001).
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

/** Ticks for a log axis between lo and hi (both > 0). */
export function logTicks(lo, hi) {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mults = b - a <= 2 ? [1, 2, 5] : [1];
  const ticks = [];
  for (let e = a; e <= b; e++) {
    for (const m of mults) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo * (1 - 1e-12) && t <= hi * (1 + 1e-12)) ticks.push(t);
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, 4);
}

/**
 * A label for a log axis's tick, each by its own magnitude (one spacing does not fit ticks
 * decades apart): plain from 0.001 to 9999 ("0.001", "20", "5000"), else "1e4", "2e-5".
 */
export function formatLogTick(value) {
  const v = Number(value.toPrecision(12));
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e4) return String(v);
  return v.toExponential().replace('e+', 'e');
}

/** A label for a tick: as few digits as tell the ticks apart. */
export function formatTick(value, ticks) {
  if (value === 0) return '0';
  const spacing = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(value);
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(spacing / abs)) ));
    return value.toExponential(Math.min(digits, 3)).replace('e+', 'e');
  }
  const decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(spacing) - 1e-9)));
  return value.toFixed(decimals);
}
