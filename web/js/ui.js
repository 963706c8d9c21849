// The size of text and of the room around plots. brink.css grows the page's root font on
// large screens (a 4K lab display at 1x shows 22 px text, not 14 px); canvases, which do not
// follow CSS, draw their text and margins at the same scale.

const BASE_FONT = 14;

/** The root font size over brink's base size: 1 on laptop and HD screens, up to ~1.7. */
export function uiScale() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / BASE_FONT : 1;
}

/** A canvas font of size CSS pixels at scale k, e.g. font(12, k, 'italic'). */
export function font(size, k, style = '') {
  return `${style ? `${style} ` : ''}${Math.round(size * k)}px system-ui, sans-serif`;
}

/** uPlot axes with their text, ticks and room at scale k. */
export function chartAxes(k, axes) {
  return axes.map((a) => ({ ...a, font: font(12, k), labelFont: font(12, k, 'bold'),
    size: (a.size ?? 50) * k, labelSize: 30 * k, gap: 5 * k, ticks: { size: 10 * k } }));
}
