// The boundary dimension of a line from its box counts, by the rule of docs/science.md, Box
// counting on a line: least squares of log2 N_B(l) against l over the levels with N_B > 1,
// nothing when fewer than 3 qualify.

/** {alpha, intercept, levels} or null. */
export function fitAlpha(nb) {
  const xs = [];
  const ys = [];
  nb.forEach((n, l) => {
    if (n > 1) {
      xs.push(l);
      ys.push(Math.log2(n));
    }
  });
  if (xs.length < 3) return null;
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let sxx = 0;
  let sxy = 0;
  xs.forEach((x, i) => {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (ys[i] - my);
  });
  const alpha = sxy / sxx;
  return { alpha, intercept: my - alpha * mx, levels: xs };
}
