// Export of the current view: a PNG of the figure with its axes and a caption of the
// parameters, and the raw data as JSON.

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The figure's canvases stacked, with a caption below, as a PNG download. */
export function exportPng(canvases, caption, name) {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(...canvases.map((c) => c.canvas.width + c.x * dpr));
  const height = Math.max(...canvases.map((c) => c.canvas.height + c.y * dpr));
  const out = document.createElement('canvas');
  const lines = wrap(caption, Math.floor(width / (7.2 * dpr)));
  out.width = width;
  out.height = height + (lines.length * 18 + 16) * dpr;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const c of canvases) ctx.drawImage(c.canvas, c.x * dpr, c.y * dpr);
  ctx.fillStyle = '#222';
  ctx.font = `${12 * dpr}px system-ui, sans-serif`;
  lines.forEach((line, i) => ctx.fillText(line, 10 * dpr, height + (18 + i * 18) * dpr));
  out.toBlob((blob) => download(blob, name));
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
