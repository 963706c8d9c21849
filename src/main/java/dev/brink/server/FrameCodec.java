package dev.brink.server;

import dev.brink.descent.Outcomes;
import dev.brink.line.LineRun;
import dev.brink.plane.Tile;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary frames of docs/protocol.md: a 36-byte little-endian header, then one float32 per
 * pixel or point whose sign is the class and whose magnitude is the speed measure: divergent
 * runs +escape time (>= 1), bounded runs -(1 + settling time) (<= -1), so zero never occurs.
 */
final class FrameCodec {
  static final int VERSION = 1;
  static final int KIND_TILE = 1;
  static final int KIND_LINE = 2;
  static final int FLAG_CACHED = 1;
  static final int HEADER_BYTES = 36;

  private FrameCodec() {
  }

  static Buffer tile(int view, Tile tile, boolean cached) {
    int n = tile.size() * tile.size();
    ByteBuffer b = header(KIND_TILE, cached ? FLAG_CACHED : 0, view, tile.address().z(),
        tile.size(), tile.address().x(), tile.address().y(), tile.size(), n);
    putValues(b, tile.outcomes(), n);
    return Buffer.buffer(b.array());
  }

  static Buffer line(int view, LineRun.Chunk chunk, Outcomes outcomes) {
    ByteBuffer b = header(KIND_LINE, 0, view, chunk.level().level(), chunk.count(),
        chunk.level().index(chunk.offset()), chunk.level().stride(), 1, chunk.count());
    putValues(b, outcomes, chunk.count());
    return Buffer.buffer(b.array());
  }

  /** The signed value of slot k: +speed when divergent, -(1 + speed) when bounded. */
  static float signed(Outcomes o, int k) {
    return o.divergent(k) ? (float) o.speed(k) : (float) -(1 + o.speed(k));
  }

  private static ByteBuffer header(int kind, int flags, int view, int z, int width, long x,
      long y, int height, int values) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * values).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) VERSION).put((byte) kind).putShort((short) flags).putInt(view).putInt(z)
        .putInt(width).putLong(x).putLong(y).putInt(height);
    return b;
  }

  private static void putValues(ByteBuffer b, Outcomes o, int n) {
    for (int k = 0; k < n; k++) {
      b.putFloat(signed(o, k));
    }
  }
}
