// The mapping between screen pixels, the plane's normalised coordinates (u, v in [0, 1] from
// x min / y min to x max / y max), grid points and parameter values. The server computes the
// runs; this only places them on the screen and labels them. Pure math, no DOM: tested in
// web/test/viewport.test.mjs.

/** The parameter value at normalised coordinate t of an axis {min, max, scale}. */
export function axisValue(axis, t) {
  if (axis.scale === 'log') {
    const a = Math.log10(axis.min);
    const b = Math.log10(axis.max);
    return Math.pow(10, a + t * (b - a));
  }
  return axis.min + t * (axis.max - axis.min);
}

/** The normalised coordinate of a parameter value (inverse of axisValue). */
export function axisFraction(axis, value) {
  if (axis.scale === 'log') {
    const a = Math.log10(axis.min);
    return (Math.log10(value) - a) / (Math.log10(axis.max) - a);
  }
  return (value - axis.min) / (axis.max - axis.min);
}

/**
 * The value of grid point i of n on an axis as the server computes it (numpy.linspace, and
 * 10^linspace of the log10 ends for log axes; both ends exact): the same bits on linear axes;
 * on log axes within an ulp of the server's (JavaScript's pow is not Java's StrictMath.pow),
 * which the readout's ten digits do not show. The inspector asks the server for the run by
 * its grid point, so it shows the very run the pixel shows.
 */
export function sampleValue(axis, i, n) {
  if (n === 1 || i === 0) return axis.min;
  if (i === n - 1) return axis.max;
  if (axis.scale === 'log') {
    const a = Math.log10(axis.min);
    const b = Math.log10(axis.max);
    return Math.pow(10, a + i * ((b - a) / (n - 1)));
  }
  return axis.min + i * ((axis.max - axis.min) / (n - 1));
}

export class Viewport {
  /** @param xAxis, yAxis {axis, min, max, scale} */
  constructor(xAxis, yAxis) {
    this.x = xAxis;
    this.y = yAxis;
    this.window = { u0: 0, u1: 1, v0: 0, v1: 1 };
    this.width = 1;
    this.height = 1;
  }

  /** The plot area's size in screen pixels. */
  resize(width, height) {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  setWindow(w) {
    this.window = { ...w };
  }

  uToScreen(u) {
    const w = this.window;
    return ((u - w.u0) / (w.u1 - w.u0)) * this.width;
  }

  vToScreen(v) {
    const w = this.window;
    return this.height - ((v - w.v0) / (w.v1 - w.v0)) * this.height;
  }

  screenToU(px) {
    const w = this.window;
    return w.u0 + (px / this.width) * (w.u1 - w.u0);
  }

  screenToV(py) {
    const w = this.window;
    return w.v0 + ((this.height - py) / this.height) * (w.v1 - w.v0);
  }

  /** The grid point nearest to (u, v) on a grid of nx x ny points. */
  gridPointAt(u, v, nx, ny) {
    const clamp = (i, n) => Math.min(n - 1, Math.max(0, i));
    return { column: clamp(Math.round(u * (nx - 1)), nx), row: clamp(Math.round(v * (ny - 1)), ny) };
  }

  /** The window zoomed by factor (< 1 zooms in) around screen point (px, py), kept in [0,1]. */
  zoomedAt(px, py, factor) {
    const u = this.screenToU(px);
    const v = this.screenToV(py);
    const w = this.window;
    return clampWindow({
      u0: u - (u - w.u0) * factor, u1: u + (w.u1 - u) * factor,
      v0: v - (v - w.v0) * factor, v1: v + (w.v1 - v) * factor,
    });
  }

  /** The window moved by a drag of (dx, dy) screen pixels. */
  pannedBy(dx, dy) {
    const w = this.window;
    const du = (dx / this.width) * (w.u1 - w.u0);
    const dv = (dy / this.height) * (w.v1 - w.v0);
    return clampWindow({ u0: w.u0 - du, u1: w.u1 - du, v0: w.v0 + dv, v1: w.v1 + dv });
  }

  /** The window spanning two screen corners (a box zoom). */
  boxed(ax, ay, bx, by) {
    const u0 = this.screenToU(Math.min(ax, bx));
    const u1 = this.screenToU(Math.max(ax, bx));
    const v0 = this.screenToV(Math.max(ay, by));
    const v1 = this.screenToV(Math.min(ay, by));
    return clampWindow({ u0, u1, v0, v1 });
  }
}

/**
 * Smallest window side: 2^-36 of the plane, where a 4K canvas's grid reaches the server's 2^48
 * intervals (float64's resolution of a parameter range).
 */
const MIN_SPAN = 2 ** -36;

/** Keeps a window inside the root plane, each side between MIN_SPAN and 1. */
export function clampWindow(w) {
  const fit = (a, b) => {
    let span = Math.min(1, Math.max(MIN_SPAN, b - a));
    let lo = (a + b) / 2 - span / 2;
    lo = Math.min(1 - span, Math.max(0, lo));
    return [lo, lo + span];
  };
  const [u0, u1] = fit(w.u0, w.u1);
  const [v0, v1] = fit(w.v0, w.v1);
  return { u0, u1, v0, v1 };
}
