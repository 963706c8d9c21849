package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.line.LineRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The computations a cluster's nodes run for each other (docs/operations.md, Cluster): each
 * described by JSON that names it completely, so a worker needs no state of the node that
 * owns it, and answered with the outcomes in a compact binary form.
 *
 * <p>"line-chunk": {"kind": "line-chunk", "sweep": the sweep's request as stored, "cell": index,
 * "chunk": index into the cell's {@link LineRun#chunks()}}.
 */
final class RemoteJobs {
  static final String LINE_CHUNK = "line-chunk";
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

  /** Runs a described job on this node's calling thread; returns the answer to send back. */
  static byte[] compute(JsonNode job, Cancellation cancel) {
    String kind = job.path("kind").asText();
    if (!kind.equals(LINE_CHUNK)) {
      throw new IllegalArgumentException("unknown job kind '" + kind + "'");
    }
    LineRun run = new LineRun(SweepService.parse(job.path("sweep").asText())
        .line(job.path("cell").asInt()));
    LineRun.Chunk chunk = run.chunks().get(job.path("chunk").asInt());
    return encodeOutcomes(run.compute(chunk, ON_CALLER, cancel).outcomes(), chunk.count());
  }

  /** count, then per run: divergent (byte), step (int), speed (double); little-endian. */
  static byte[] encodeOutcomes(Outcomes o, int count) {
    ByteBuffer b = ByteBuffer.allocate(4 + 13 * count).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (o.divergent(i) ? 1 : 0)).putInt(o.divergeStep(i)).putDouble(o.speed(i));
    }
    return b.array();
  }

  static Outcomes decodeOutcomes(byte[] answer, int expected) {
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt();
    if (count != expected || answer.length != 4 + 13 * count) {
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
