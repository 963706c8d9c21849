package dev.brink.server.protocol;

import dev.brink.descent.Outcomes;
import dev.brink.landscape.Family;
import dev.brink.line.LineRun;
import dev.brink.plane.LevelTile;
import dev.brink.plane.PlaneSpec;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary frames of docs/protocol.md: a 36-byte little-endian header, then one float32 per
 * point whose sign is the class and whose magnitude is the speed measure: divergent runs +escape
 * time (> divergence step, <= step + 1, so the step is ceil(v - 1)), bounded runs -(1 + settling
 * time) (<= -1), so zero never occurs. For family mlp the value is Sohl-Dickstein's convergence
 * measure itself: +sum 1/v when not trainable, -sum v when trainable (both magnitudes >= 1,
 * since v_0 = 1).
 */
public final class FrameCodec {
  static final int VERSION = 2;
  static final int KIND_TILE = 1;
  static final int KIND_LINE = 2;
  public static final int FLAG_CACHED = 1;
  /** A refining tile: its values skip the points of the coarser level's grid. */
  public static final int FLAG_REFINE = 2;
  static final int HEADER_BYTES = 36;

  private FrameCodec() {
  }

  /** A tile of a view's level, its values in the tile's order (LevelTile). */
  public static Buffer tile(int view, LevelTile tile, float[] values, boolean cached) {
    PlaneSpec c = tile.crop();
    int flags = (cached ? FLAG_CACHED : 0) | (tile.refine() ? FLAG_REFINE : 0);
    ByteBuffer b = header(KIND_TILE, flags, view, tile.level(), c.width(), c.column0(),
        c.row0(), c.height(), values.length);
    for (float v : values) {
      b.putFloat(v);
    }
    return Buffer.buffer(b.array());
  }

  public static Buffer line(int view, LineRun.Chunk chunk, Outcomes outcomes, Family family) {
    ByteBuffer b = header(KIND_LINE, 0, view, chunk.level().level(), chunk.count(),
        chunk.level().index(chunk.offset()), chunk.level().stride(), 1, chunk.count());
    for (int k = 0; k < chunk.count(); k++) {
      b.putFloat(value(family, outcomes, k));
    }
    return Buffer.buffer(b.array());
  }

  /**
   * The signed value of slot k: +speed when divergent, -(1 + speed) when bounded. A divergent
   * value is moved to the nearest float32 from which ceil(v - 1) gives the divergence step
   * (rounding to float32 could otherwise give the step before it). For family mlp, the signed
   * convergence measure.
   */
  public static float value(Family family, Outcomes o, int k) {
    if (family.isNetwork()) {
      return (float) (o.divergent(k) ? o.speed(k) : -o.speed(k));
    }
    if (!o.divergent(k)) {
      return (float) -(1 + o.speed(k));
    }
    int step = o.divergeStep(k);
    float v = (float) o.speed(k);
    while (Math.ceil((double) v - 1) > step) {
      v = Math.nextDown(v);
    }
    while (Math.ceil((double) v - 1) < step) {
      v = Math.nextUp(v);
    }
    return v;
  }

  private static ByteBuffer header(int kind, int flags, int view, int z, int width, long x,
      long y, int height, int values) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * values).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) VERSION).put((byte) kind).putShort((short) flags).putInt(view).putInt(z)
        .putInt(width).putLong(x).putLong(y).putInt(height);
    return b;
  }
}
