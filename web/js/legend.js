// The colour bar beside a plane: what the colours mean, class by class, in steps. Each colour
// map carries its own legend (colors.js): segments with a title, a colour along the bar and
// labels.

/** The width the bar and its labels take, in CSS pixels at scale 1 (ui.js). */
export const COLOR_BAR_WIDTH = 96;

const BAR = 12;

/** A vertical gradient from color(0) at y0 to color(1) at y1, opaque throughout. */
export function gradient(ctx, y0, y1, color) {
  const g = ctx.createLinearGradient(0, y0, 0, y1);
  for (let i = 0; i <= 64; i++) g.addColorStop(i / 64, color(i / 64));
  return g;
}

/** Room above a bar for its title's two lines and half a label; below it for the unit. */
const HEADER = 40;
const FOOTER = 18;

/**
 * Draws the map's legend from the current origin down over height pixels at scale k: one
 * bar per segment, its title above it, its labels to its right.
 */
export function drawColorBar(ctx, map, height, k = 1) {
  const segments = map.legend || [];
  if (!segments.length) return;
  const h = height / k;
  const each = (h - (HEADER + FOOTER) * segments.length) / segments.length;
  if (each < 30) return;
  ctx.save();
  ctx.scale(k, k);
  ctx.textBaseline = 'middle';
  segments.forEach((s, i) => {
    const top = i * (each + HEADER + FOOTER) + HEADER;
    ctx.fillStyle = '#222';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    const [first, ...rest] = s.title.split(': ');
    ctx.fillText(first, 0, top - 32);
    ctx.fillStyle = '#555';
    ctx.fillText(rest.join(': '), 0, top - 19);
    ctx.fillStyle = gradient(ctx, top, top + each, s.color);
    ctx.fillRect(0, top, BAR, each);
    ctx.strokeStyle = '#666';
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, top + 0.5, BAR, each);
    ctx.fillStyle = '#222';
    for (const l of s.labels) {
      const y = top + l.t * each;
      ctx.beginPath();
      ctx.moveTo(BAR, y);
      ctx.lineTo(BAR + 4, y);
      ctx.stroke();
      ctx.fillText(l.text, BAR + 6, y);
    }
    ctx.fillStyle = '#666';
    ctx.font = 'italic 10px system-ui, sans-serif';
    ctx.fillText(s.unit, 0, top + each + 12);
  });
  ctx.restore();
}
