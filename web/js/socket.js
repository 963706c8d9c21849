// The WebSocket protocol of docs/protocol.md: one socket, JSON control messages, binary
// frames decoded to {kind, flags, view, z, width, x, y, height, values} (a refining tile's
// values skip the coarser level's points, so there may be fewer than width x height). Reconnects by itself
// with exponential backoff and reports 'reconnected', so the page can ask for its view again.

const HEADER = 36;

export function decodeFrame(buffer) {
  const d = new DataView(buffer);
  const width = d.getUint32(12, true);
  const height = d.getUint32(32, true);
  return {
    kind: d.getUint8(1),
    flags: d.getUint16(2, true),
    view: d.getUint32(4, true),
    z: d.getUint32(8, true),
    width,
    x: Number(d.getBigInt64(16, true)),
    y: Number(d.getBigInt64(24, true)),
    height,
    values: new Float32Array(buffer, HEADER, (buffer.byteLength - HEADER) / 4),
  };
}

export class BrinkSocket {
  /**
   * @param handlers {onStatus(state, detail), onMessage(json), onFrame(frame)}
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.delay = 500;
    this.nextView = 1;
    this.ws = null;
    this.opened = false;
    this.connect();
  }

  connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.handlers.onStatus('connecting');
    ws.onopen = () => {
      this.delay = 500;
      this.handlers.onStatus(this.opened ? 'reconnected' : 'connected');
      this.opened = true;
    };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') {
        this.handlers.onMessage(JSON.parse(e.data));
      } else {
        this.handlers.onFrame(decodeFrame(e.data));
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.handlers.onStatus('reconnecting', this.delay);
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(10000, this.delay * 2);
    };
  }

  /** Starts a view; returns its id. A view cancels the previous one on the server. */
  view(message) {
    const id = this.nextView++;
    this.send({ ...message, type: 'view', view: id });
    return id;
  }

  ack(view, frames = 1) {
    this.send({ type: 'ack', view, frames });
  }

  send(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}
