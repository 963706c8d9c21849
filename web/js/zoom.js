// "Record zoom": a zoom video of the plane view, recorded by the server (POST /api/zooms,
// docs/protocol.md) from the view's centre and width down a chosen number of halvings, with
// its progress and, when done, links to the video and the keyframes' dimensions.

import { parseAxis } from './state.js';
import { cleaned } from './plane.js';

/** The view's centre and width in axis units (log10 on a log axis), from its window. */
export function zoomWindow(plane) {
  const units = (axis, t0, t1) => {
    const a = parseAxis(axis);
    const lo = a.scale === 'log' ? Math.log10(a.min) : a.min;
    const hi = a.scale === 'log' ? Math.log10(a.max) : a.max;
    return { center: lo + ((t0 + t1) / 2) * (hi - lo), width: (t1 - t0) * (hi - lo) };
  };
  const w = plane.window;
  const x = units(plane.x, w.u0, w.u1);
  const y = units(plane.y, w.v0, w.v1);
  return { center: [x.center, y.center], width: x.width };
}

export class ZoomRecorder {
  /** @param status the element that shows the recording's progress and links */
  constructor(status) {
    this.status = status;
  }

  async record(state) {
    const halvings = Number(prompt('Zoom into the centre of this view by how many halvings of'
      + ' its width? (8 frames each, 640 x 360)', '8'));
    if (!Number.isFinite(halvings) || halvings <= 0) return;
    const { center, width } = zoomWindow(state.plane);
    const body = { params: cleaned(state.params), x: state.plane.x, y: state.plane.y, center,
      from_width: width, to_width: width / 2 ** halvings, frames_per_halving: 8,
      size: '640x360' };
    const r = await fetch('/api/zooms', { method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' } });
    const answer = await r.json();
    if (!r.ok) {
      this.status.textContent = `zoom refused: ${answer.field}: ${answer.message}`;
      return;
    }
    this.follow(answer.id);
  }

  /** Polls the recording until it ends. */
  async follow(id) {
    clearTimeout(this.timer);
    const r = await fetch(`/api/zooms/${id}`);
    const z = await r.json();
    this.status.dataset.state = z.state;
    if (z.state === 'done') {
      this.status.innerHTML = `zoom ${id}: <a href="${z.video}" download>video</a> `
        + `(${z.frames} frames, ${z.seconds.toFixed(0)} s), `
        + `<a href="${z.dimensions}" download>dimensions</a>`;
      return;
    }
    if (z.state === 'failed' || z.state === 'cancelled') {
      this.status.textContent = `zoom ${id} ${z.state}${z.error ? `: ${z.error}` : ''}`;
      return;
    }
    this.status.textContent = `recording zoom ${id}: ${z.frames_done} of ${z.frames} frames`;
    this.timer = setTimeout(() => this.follow(id), 1000);
  }
}
