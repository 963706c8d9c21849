package dev.brink.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.line.LineRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.plane.LevelTile;
import dev.brink.plane.PlaneSpec;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.BitSet;
import java.util.Set;
import dev.brink.server.compute.RemoteJob;
import dev.brink.server.protocol.JsonParams;
import dev.brink.server.protocol.LineDescriptions;
import dev.brink.server.protocol.SweepRequests;

/**
 * The computations a cluster's nodes run for each other (docs/operations.md, Cluster): each
 * described by JSON that names it completely, so a worker needs no state of the node that
 * owns it, and answered with the outcomes in a compact binary form.
 *
 * <p>"line-chunk": {"kind": "line-chunk", "sweep": the sweep's request as stored, "cell": index,
 * "chunk": index into the cell's {@link LineRun#chunks()}}.
 *
 * <p>"line": {"kind": "line", "line": the line as {@link LineDescriptions} writes it, "chunk":
 * index into its {@link LineRun#chunks()}}: a line that is no sweep's cell (a reproduction's).
 *
 * <p>"tile": {"kind": "tile", "params": a plane view's params as the viewer sent them,
 * "level", "grid_width", "grid_height", "column0", "row0", "width", "height", "refine" (the
 * {@link LevelTile}), and "wanted" (base64 of the little-endian bits of the tile's point numbers
 * to compute) when not all of them}.
 */
public final class RemoteJobs {
  static final String LINE_CHUNK = "line-chunk";
  static final String TILE = "tile";
  static final String LINE = "line";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RemoteJobs() {
  }

  /** A chunk of a sweep cell's line. */
  public static RemoteJob<LineRun.ComputedChunk> lineChunk(String sweepRequest, int cell, LineRun run,
      int chunk) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("kind", LINE_CHUNK);
    o.put("sweep", sweepRequest);
    o.put("cell", cell);
    o.put("chunk", chunk);
    return chunkOf(o, run, chunk);
  }

  /** A chunk of a line described by {@link LineDescriptions#describe}. */
  public static RemoteJob<LineRun.ComputedChunk> lineChunk(ObjectNode line, LineRun run,
      int chunk) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("kind", LINE);
    o.set("line", line);
    o.put("chunk", chunk);
    return chunkOf(o, run, chunk);
  }

  /** A chunk of the run's line, described to a worker as job says. */
  private static RemoteJob<LineRun.ComputedChunk> chunkOf(ObjectNode job, LineRun run,
      int chunk) {
    return new RemoteJob<>() {
      @Override
      public ObjectNode describe() {
        return job;
      }

      @Override
      public LineRun.ComputedChunk decode(byte[] answer) {
        LineRun.Chunk c = run.chunks().get(chunk);
        return new LineRun.ComputedChunk(c, decodeOutcomes(answer, c.count()));
      }
    };
  }

  /** A tile of a plane view (its wanted points, or all); null without the view's params. */
  public static RemoteJob<Outcomes> levelTile(String params, LevelTile tile, BitSet wanted) {
    if (params == null) {
      return null;
    }
    return new RemoteJob<>() {
      @Override
      public ObjectNode describe() {
        PlaneSpec c = tile.crop();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", TILE);
        o.put("params", params);
        o.put("level", tile.level());
        o.put("grid_width", c.gridWidth());
        o.put("grid_height", c.gridHeight());
        o.put("column0", c.column0());
        o.put("row0", c.row0());
        o.put("width", c.width());
        o.put("height", c.height());
        o.put("refine", tile.refine());
        if (wanted != null) {
          o.put("wanted", Base64.getEncoder().encodeToString(wanted.toByteArray()));
        }
        return o;
      }

      @Override
      public Outcomes decode(byte[] answer) {
        return decodeOutcomes(answer, wanted == null ? tile.count() : wanted.cardinality());
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
      PlaneSpec root = Requests.planeRoot(new ParameterMap(JsonParams.texts(params, "params",
          Set.of()), Requests.VIEW));
      LevelTile tile = new LevelTile(job.path("level").asInt(), root.crop(
          job.path("grid_width").asLong(), job.path("grid_height").asLong(),
          job.path("column0").asLong(), job.path("row0").asLong(), job.path("width").asInt(),
          job.path("height").asInt()), job.path("refine").asBoolean());
      BitSet wanted = job.has("wanted")
          ? BitSet.valueOf(Base64.getDecoder().decode(job.path("wanted").asText())) : null;
      int n = wanted == null ? tile.count() : wanted.cardinality();
      return encodeOutcomes(tile.compute(wanted, GdRunner.ON_CALLER, cancel), n, start);
    }
    LineRun run;
    if (kind.equals(LINE)) {
      run = new LineRun(LineDescriptions.read(job.path("line")));
    } else if (kind.equals(LINE_CHUNK)) {
      run = new LineRun(SweepRequests.parse(job.path("sweep").asText())
          .line(job.path("cell").asInt()));
    } else {
      throw new IllegalArgumentException("unknown job kind '" + kind + "'");
    }
    LineRun.Chunk chunk = run.chunks().get(job.path("chunk").asInt());
    return encodeOutcomes(run.compute(chunk, GdRunner.ON_CALLER, cancel).outcomes(), chunk.count(),
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
