package dev.brink.line;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.fractal.DyadicBoxCount;
import dev.brink.fractal.Labels;
import dev.brink.fractal.SlopeFit;
import dev.brink.grid.Linspace;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A learning-rate line cut into chunks that can be computed independently (in parallel, pulled
 * on demand) and are then accepted in order: level 0 first, then each level's new points, at
 * most {@link #CHUNK} points per chunk. Accepting the last chunk of a level completes it: its
 * N_B and the fit so far are final.
 */
public final class LineRun {
  /** Points per chunk: bounds memory per chunk and the delay of cancellation. */
  public static final int CHUNK = 1 << 14;

  /** Points level.index(offset) .. level.index(offset + count - 1). */
  public record Chunk(LevelPoints level, int offset, int count, boolean lastOfLevel) {
  }

  /** A computed chunk: outcomes slot k belong to level.index(offset + k). */
  public record ComputedChunk(Chunk chunk, Outcomes outcomes) {
  }

  private final LineSpec spec;
  private final Linspace etas;
  private final Labels labels;
  private final long[] nb;
  private final List<Chunk> chunks = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private int accepted;
  private long divergent;
  private long gdSteps;
  private long done;
  private SlopeFit alpha = SlopeFit.NONE;

  public LineRun(LineSpec spec) {
    this.spec = spec;
    this.etas = spec.etas();
    this.labels = new Labels(spec.points());
    this.nb = new long[spec.levels() + 1];
    for (int level = 0; level <= spec.levels(); level++) {
      LevelPoints points = LevelPoints.of(spec.levels(), level);
      for (int offset = 0; offset < points.count(); offset += CHUNK) {
        int count = Math.min(CHUNK, points.count() - offset);
        chunks.add(new Chunk(points, offset, count, offset + count == points.count()));
      }
    }
  }

  public LineSpec spec() {
    return spec;
  }

  /** Every chunk, in the order they must be accepted. */
  public List<Chunk> chunks() {
    return chunks;
  }

  /**
   * Computes a chunk; thread-safe, so chunks may run in parallel. Throws CancellationException
   * when cancelled.
   */
  public ComputedChunk compute(Chunk chunk, GdRunner runner, Cancellation cancel) {
    GdConfig c = spec.config();
    TrajectoryBatch batch = TrajectoryBatch.of(c, chunk.count());
    RandomStart random = spec.randomStart();
    for (int k = 0; k < chunk.count(); k++) {
      int j = chunk.level().index(chunk.offset() + k);
      batch.set(k, c);
      batch.setEta(k, etas.value(j));
      if (random != null) {
        for (int d = 0; d < c.dim(); d++) {
          batch.setX0(k, d, random.x0(j, d));
        }
      }
    }
    batch.setCount(chunk.count());
    Outcomes outcomes = new Outcomes(chunk.count());
    runner.run(batch, outcomes, cancel);
    return new ComputedChunk(chunk, outcomes);
  }

  /**
   * Records a computed chunk, which must be the next one in {@link #chunks()} order; returns the
   * level's summary when the chunk completes its level, else null. Not thread-safe.
   */
  public LevelSummary accept(ComputedChunk computed) {
    Chunk chunk = computed.chunk();
    if (accepted >= chunks.size() || chunks.get(accepted) != chunk) {
      throw new IllegalStateException("chunks must be accepted in order");
    }
    accepted++;
    Outcomes outcomes = computed.outcomes();
    for (int k = 0; k < chunk.count(); k++) {
      labels.set(chunk.level().index(chunk.offset() + k), outcomes.divergent(k));
    }
    divergent += outcomes.divergentCount(chunk.count());
    gdSteps += outcomes.gdSteps(chunk.count());
    done += chunk.count();
    if (!chunk.lastOfLevel()) {
      return null;
    }
    int level = chunk.level().level();
    nb[level] = DyadicBoxCount.count(labels, spec.levels(), level);
    alpha = SlopeFit.alpha(nb, level);
    return new LevelSummary(level, Arrays.copyOf(nb, level + 1), alpha, done, spec.points(),
        divergent, gdSteps, seconds());
  }

  /** Whether every chunk has been accepted. */
  public boolean complete() {
    return accepted == chunks.size();
  }

  /** The finished line; only once {@link #complete()}. */
  public LineResult result() {
    if (!complete()) {
      throw new IllegalStateException(accepted + " of " + chunks.size() + " chunks accepted");
    }
    return new LineResult(spec, nb.clone(), alpha, labels, gdSteps, seconds());
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
