// Export of the current view: a PNG of the figure with its axes and a caption of the
// parameters, and the data: a plane's values as NumPy .npz (values.npy and header.json), the
// other views' as JSON.

import { uiScale } from './ui.js';
import { npy, zip } from './npz.js';

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * The figure's canvases where the page shows them, at their own resolution, with a caption
 * below at the page's text size, as a PNG download.
 */
export function exportPng(canvases, caption, name) {
  const dpr = window.devicePixelRatio || 1;
  const text = dpr * uiScale();
  const rects = canvases.map((c) => c.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const at = rects.map((r) => ({ x: Math.round((r.left - left) * dpr),
    y: Math.round((r.top - top) * dpr) }));
  const width = Math.max(...canvases.map((c, i) => c.width + at[i].x));
  const height = Math.max(...canvases.map((c, i) => c.height + at[i].y));
  const out = document.createElement('canvas');
  const lines = wrap(caption, Math.floor(width / (7.2 * text)));
  out.width = width;
  out.height = height + (lines.length * 18 + 16) * text;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  canvases.forEach((c, i) => ctx.drawImage(c, at[i].x, at[i].y));
  ctx.fillStyle = '#222';
  ctx.font = `${12 * text}px system-ui, sans-serif`;
  lines.forEach((line, i) => ctx.fillText(line, 10 * text, height + (18 + i * 18) * text));
  out.toBlob((blob) => download(blob, name));
}

/**
 * The plane's figure as the server draws it (`plane --png`) for the window shown, at size "WxH"
 * points: computed at that size, not scaled. Returns an error message, or null.
 */
export async function exportFigure(query, size, name, maxPoints) {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(size);
  if (!m) return `size: expected W x H, e.g. 1600 x 1200, got '${size}'`;
  if (maxPoints && Number(m[1]) * Number(m[2]) > maxPoints) {
    return `size: at most ${maxPoints} points on this server (its --max-rest-pixels), got `
      + `${Number(m[1]) * Number(m[2])}; brink plane --png makes larger figures`;
  }
  const q = new URLSearchParams({ ...query, width: m[1], height: m[2] });
  const r = await fetch(`/api/plane/figure.png?${q}`);
  if (!r.ok) {
    const e = await r.json();
    return `${e.field}: ${e.message}`;
  }
  download(await r.blob(), name);
  return null;
}

/** A plane's values and header (PlaneView.exportData) as one .npz that numpy.load opens. */
export function exportNpz(data, name) {
  const file = zip([{ name: 'values.npy', bytes: npy(data.values, data.header.values.shape) },
    { name: 'header.json', bytes: new TextEncoder().encode(JSON.stringify(data.header)) }]);
  download(new Blob([file], { type: 'application/zip' }), name);
}

export function exportJson(data, name) {
  download(new Blob([JSON.stringify(data)], { type: 'application/json' }), name);
}

function wrap(text, columns) {
  const words = text.split(' ');
  const lines = [''];
  for (const w of words) {
    if ((lines[lines.length - 1] + ' ' + w).length > columns) lines.push(w);
    else lines[lines.length - 1] = (lines[lines.length - 1] + ' ' + w).trim();
  }
  return lines;
}
