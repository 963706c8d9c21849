package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.line.LineRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.Tile;
import dev.brink.plane.TileAddress;
import dev.brink.plane.TilePyramid;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * The computations a cluster's nodes run for each other (docs/operations.md, Cluster): each
 * described by JSON that names it completely, so a worker needs no state of the node that
 * owns it, and answered with the outcomes in a compact binary form.
 *
 * <p>"line-chunk": {"kind": "line-chunk", "sweep": the sweep's request as stored, "cell": index,
 * "chunk": index into the cell's {@link LineRun#chunks()}}.
 *
 * <p>"tile": {"kind": "tile", "params": a plane view's params as the viewer sent them, "z", "x",
 * "y"}.
 */
final class RemoteJobs {
  static final String LINE_CHUNK = "line-chunk";
  static final String TILE = "tile";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GdRunner ON_CALLER = new GdRunner(1);

  private RemoteJobs() {
  }

  /** A chunk of a sweep cell's line. */
  static RemoteJob<LineRun.ComputedChunk> lineChunk(String sweepRequest, int cell, LineRun run,
      int chunk) {
    return new RemoteJob<>() {
      @Override
      public ObjectNode describe() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", LINE_CHUNK);
        o.put("sweep", sweepRequest);
        o.put("cell", cell);
        o.put("chunk", chunk);
        return o;
      }

      @Override
      public LineRun.ComputedChunk decode(byte[] answer) {
        LineRun.Chunk c = run.chunks().get(chunk);
        return new LineRun.ComputedChunk(c, decodeOutcomes(answer, c.count()));
      }
    };
  }

  /** A tile of a plane view; null (not remotable) without the view's params. */
  static RemoteJob<Tile> tile(String params, TilePyramid pyramid, TileAddress address) {
    if (params == null) {
      return null;
    }
    return new RemoteJob<>() {
      @Override
      public ObjectNode describe() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", TILE);
        o.put("params", params);
        o.put("z", address.z());
        o.put("x", address.x());
        o.put("y", address.y());
        return o;
      }

      @Override
      public Tile decode(byte[] answer) {
        int n = TilePyramid.TILE * TilePyramid.TILE;
        Outcomes outcomes = decodeOutcomes(answer, n);
        return new Tile(address, TilePyramid.TILE, outcomes, outcomes.gdSteps(n),
            seconds(answer));
      }
    };
  }

  /** Runs a described job on this node's calling thread; returns the answer to send back. */
  static byte[] compute(JsonNode job, Cancellation cancel) {
    String kind = job.path("kind").asText();
    long start = System.nanoTime();
    if (kind.equals(TILE)) {
      JsonNode params;
      try {
        params = JSON.readTree(job.path("params").asText());
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("tile params are not JSON: " + e.getMessage());
      }
      PlaneSpec root = Requests.plane(new ParameterMap(JsonParams.texts(params, "params",
          Set.of()), Requests.PLANE), TilePyramid.TILE);
      Tile tile = new TilePyramid(root).compute(new TileAddress(job.path("z").asInt(),
          job.path("x").asLong(), job.path("y").asLong()), ON_CALLER, cancel);
      return encodeOutcomes(tile.outcomes(), tile.size() * tile.size(), start);
    }
    if (!kind.equals(LINE_CHUNK)) {
      throw new IllegalArgumentException("unknown job kind '" + kind + "'");
    }
    LineRun run = new LineRun(SweepService.parse(job.path("sweep").asText())
        .line(job.path("cell").asInt()));
    LineRun.Chunk chunk = run.chunks().get(job.path("chunk").asInt());
    return encodeOutcomes(run.compute(chunk, ON_CALLER, cancel).outcomes(), chunk.count(),
        start);
  }

  /**
   * count, then per run: divergent (byte), step (int), speed (double); then the seconds the
   * computation took; little-endian.
   */
  static byte[] encodeOutcomes(Outcomes o, int count, long startNanos) {
    ByteBuffer b = ByteBuffer.allocate(4 + 13 * count + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (o.divergent(i) ? 1 : 0)).putInt(o.divergeStep(i)).putDouble(o.speed(i));
    }
    b.putDouble((System.nanoTime() - startNanos) / 1e9);
    return b.array();
  }

  /** GD steps an answer's runs executed, without decoding it. */
  static long gdSteps(byte[] answer) {
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt(0);
    long steps = 0;
    for (int i = 0; i < count; i++) {
      steps += b.getInt(4 + 13 * i + 1);
    }
    return steps;
  }

  private static double seconds(byte[] answer) {
    return ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getDouble(answer.length - 8);
  }

  static Outcomes decodeOutcomes(byte[] answer, int expected) {
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt();
    if (count != expected || answer.length != 4 + 13 * count + 8) {
      throw new IllegalStateException("a worker answered " + count + " runs, expected "
          + expected);
    }
    Outcomes o = new Outcomes(count);
    for (int i = 0; i < count; i++) {
      o.set(i, b.get() == 1, b.getInt(), b.getDouble());
    }
    return o;
  }
}
