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
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A learning-rate line cut into chunks that can be computed independently (in parallel, pulled
 * on demand) and are then accepted in order, at most {@link #CHUNK} points each.
 *
 * <p>Levels 0 to K (the kept levels) come coarse to fine: level 0, then each level's new points,
 * and accepting the last chunk of a level completes it: its N_B and the fit so far are final.
 * Their labels are kept, 2^K + 1 bits. A line of more levels streams the rest: the finer points
 * come in blocks, the 2^(N-K) - 1 points inside one level-K interval each, in order of the
 * learning rate; a block's pairs at every finer level lie inside it, so its N_B counts are added
 * up and its labels dropped, and those levels complete together with the last block. Memory is
 * then 2^K bits whatever N (docs/science.md, Lines).
 */
public final class LineRun {
  /** Points per chunk: bounds memory per chunk and the delay of cancellation. */
  public static final int CHUNK = 1 << 14;
  /** Levels whose labels a line keeps unless asked otherwise: 2^24 + 1 bits, 2 MB. */
  public static final int KEPT_LEVELS = 24;
  /** The most levels whose labels can be kept (an int-indexed bit set). */
  public static final int MAX_KEPT_LEVELS = 30;

  /**
   * Points of a chunk: a level's points level.index(offset) .. level.index(offset + count - 1)
   * (blocks null), or the inner points of consecutive blocks (level null).
   */
  public record Chunk(int number, LevelPoints level, int offset, int count, boolean lastOfLevel,
      Blocks blocks) {

    /** Grid index of the chunk's k-th point. */
    public long index(int k) {
      return blocks == null ? level.index(offset + (long) k) : blocks.index(k);
    }
  }

  /**
   * Blocks first .. first + count - 1: block b is the level-K interval from grid index b size to
   * (b + 1) size, its inner points b size + 1 .. b size + size - 1, block by block.
   */
  public record Blocks(long first, int count, long size) {
    public long index(int k) {
      long inner = size - 1;
      return (first + k / inner) * size + 1 + k % inner;
    }
  }

  /** A computed chunk: outcomes slot k belong to chunk.index(k). */
  public record ComputedChunk(Chunk chunk, Outcomes outcomes) {
  }

  private final LineSpec spec;
  private final Linspace etas;
  private final int kept;
  private final int shift;
  private Labels labels;
  private final long[] nb;
  /** chunkStart[l]: the number of the first chunk of kept level l; [kept + 1]: of the blocks. */
  private final int[] chunkStart;
  private final int blocksPerChunk;
  private final int chunkCount;
  private final boolean[] block;
  private final long startNanos = System.nanoTime();
  /** Seconds a resumed line had computed before. */
  private double earlierSeconds;
  private int accepted;
  private long divergent;
  private long gdSteps;
  private long done;
  private SlopeFit alpha = SlopeFit.NONE;

  /** A line keeping the labels of up to {@link #KEPT_LEVELS} levels. */
  public LineRun(LineSpec spec) {
    this(spec, Math.min(spec.levels(), KEPT_LEVELS));
  }

  /**
   * ... keeping those of levels 0..kept; a live view keeps every level (kept = N), as its frames
   * and the finished line's bits are every point's label.
   */
  public LineRun(LineSpec spec, int kept) {
    if (kept < 0 || kept > spec.levels() || kept > MAX_KEPT_LEVELS
        || spec.levels() - kept > 14) {
      throw new IllegalArgumentException(kept + " kept levels of " + spec.levels());
    }
    this.spec = spec;
    this.etas = spec.etas();
    this.kept = kept;
    this.shift = spec.levels() - kept;
    this.labels = new Labels((1 << kept) + 1);
    this.nb = new long[spec.levels() + 1];
    this.chunkStart = new int[kept + 2];
    int n = 0;
    for (int level = 0; level <= kept; level++) {
      chunkStart[level] = n;
      n += (LevelPoints.of(spec.levels(), level).count() + CHUNK - 1) / CHUNK;
    }
    chunkStart[kept + 1] = n;
    long size = 1L << shift;
    this.blocksPerChunk = shift == 0 ? 0 : (int) Math.max(1, CHUNK / (size - 1));
    if (shift > 0) {
      n += (int) (((1L << kept) + blocksPerChunk - 1) / blocksPerChunk);
    }
    this.chunkCount = n;
    this.block = new boolean[(int) size + 1];
  }

  public LineSpec spec() {
    return spec;
  }

  /** Every chunk, in the order they must be accepted (made when asked for, not stored). */
  public List<Chunk> chunks() {
    return new AbstractList<>() {
      @Override
      public Chunk get(int number) {
        return chunk(number);
      }

      @Override
      public int size() {
        return chunkCount;
      }
    };
  }

  private Chunk chunk(int number) {
    if (number < 0 || number >= chunkCount) {
      throw new IndexOutOfBoundsException("chunk " + number + " of " + chunkCount);
    }
    if (number >= chunkStart[kept + 1]) {
      long first = (long) (number - chunkStart[kept + 1]) * blocksPerChunk;
      int count = (int) Math.min(blocksPerChunk, (1L << kept) - first);
      long size = 1L << shift;
      return new Chunk(number, null, 0, (int) (count * (size - 1)), number == chunkCount - 1,
          new Blocks(first, count, size));
    }
    int level = 0;
    while (chunkStart[level + 1] <= number) {
      level++;
    }
    LevelPoints points = LevelPoints.of(spec.levels(), level);
    int offset = (number - chunkStart[level]) * CHUNK;
    int count = Math.min(CHUNK, points.count() - offset);
    return new Chunk(number, points, offset, count, offset + count == points.count(), null);
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
      long j = chunk.index(k);
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
   * Records a computed chunk, which must be the next one in {@link #chunks()} order; returns
   * the summaries of the levels it completes (none, one, or with the last block every streamed
   * level), coarsest first. Not thread-safe.
   */
  public List<LevelSummary> accept(ComputedChunk computed) {
    Chunk chunk = computed.chunk();
    if (chunk.number() != accepted || accepted >= chunkCount) {
      throw new IllegalStateException("chunks must be accepted in order");
    }
    accepted++;
    Outcomes outcomes = computed.outcomes();
    divergent += outcomes.divergentCount(chunk.count());
    gdSteps += outcomes.gdSteps(chunk.count());
    done += chunk.count();
    if (chunk.blocks() != null) {
      count(chunk.blocks(), outcomes);
    } else {
      for (int k = 0; k < chunk.count(); k++) {
        labels.set((int) (chunk.index(k) >> shift), outcomes.divergent(k));
      }
    }
    if (!chunk.lastOfLevel()) {
      return List.of();
    }
    List<LevelSummary> out = new ArrayList<>();
    if (chunk.blocks() == null) {
      int level = chunk.level().level();
      nb[level] = DyadicBoxCount.count(labels, kept, level);
      out.add(summary(level));
    } else {
      for (int level = kept + 1; level <= spec.levels(); level++) {
        out.add(summary(level));
      }
    }
    return out;
  }

  /** N_B of every streamed level over these blocks, from their labels and their ends'. */
  private void count(Blocks blocks, Outcomes outcomes) {
    int size = (int) blocks.size();
    for (int b = 0; b < blocks.count(); b++) {
      long at = blocks.first() + b;
      block[0] = labels.divergent((int) at);
      block[size] = labels.divergent((int) at + 1);
      for (int i = 1; i < size; i++) {
        block[i] = outcomes.divergent(b * (size - 1) + i - 1);
      }
      for (int level = kept + 1; level <= spec.levels(); level++) {
        int stride = 1 << (spec.levels() - level);
        long differing = 0;
        for (int i = 0; i < size; i += stride) {
          differing += block[i] != block[i + stride] ? 1 : 0;
        }
        nb[level] += differing;
      }
    }
  }

  private LevelSummary summary(int level) {
    alpha = SlopeFit.alpha(nb, level);
    return new LevelSummary(level, Arrays.copyOf(nb, level + 1), alpha, done, spec.points(),
        divergent, gdSteps, seconds());
  }

  /** Whether every chunk has been accepted. */
  public boolean complete() {
    return accepted == chunkCount;
  }

  /** The finished line; only once {@link #complete()}. */
  public LineResult result() {
    if (!complete()) {
      throw new IllegalStateException(accepted + " of " + chunkCount + " chunks accepted");
    }
    return new LineResult(spec, nb.clone(), alpha, labels, divergent, gdSteps, seconds());
  }

  private double seconds() {
    return earlierSeconds + (System.nanoTime() - startNanos) / 1e9;
  }

  /** Chunks accepted so far: the next one to accept is chunks().get(accepted()). */
  public int accepted() {
    return accepted;
  }

  /**
   * The numbers of the chunks not accepted yet, in order, as of now; made as they are asked
   * for (an N = 32 line has 2^18 chunks).
   */
  public List<Integer> remaining() {
    int first = accepted;
    int count = chunkCount - first;
    return new java.util.AbstractList<>() {
      @Override
      public Integer get(int k) {
        return first + k;
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  /**
   * What has been accepted, to resume from ({@link #resume}): the line it belongs to, the
   * chunks, counts, N_B so far and the kept labels (at most 2^24 + 1 bits by default).
   */
  public byte[] checkpoint() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeUTF(CHECKPOINT);
      out.writeUTF(fingerprint(spec, kept));
      out.writeInt(accepted);
      out.writeLong(divergent);
      out.writeLong(gdSteps);
      out.writeLong(done);
      out.writeDouble(seconds());
      for (long n : nb) {
        out.writeLong(n);
      }
      byte[] bits = java.util.Base64.getDecoder().decode(labels.toBase64());
      out.writeInt(bits.length);
      out.write(bits);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The line a checkpoint of this spec was taken of, to go on from its next chunk; refused with
   * a message when the checkpoint is of another line or damaged.
   */
  public static LineRun resume(LineSpec spec, int kept, byte[] checkpoint) {
    LineRun run = new LineRun(spec, kept);
    try (java.io.DataInputStream in = new java.io.DataInputStream(
        new java.io.ByteArrayInputStream(checkpoint))) {
      if (!CHECKPOINT.equals(in.readUTF())) {
        throw new IllegalArgumentException("not a checkpoint of a brink line");
      }
      if (!fingerprint(spec, kept).equals(in.readUTF())) {
        throw new IllegalArgumentException("the checkpoint is of another line");
      }
      run.accepted = in.readInt();
      run.divergent = in.readLong();
      run.gdSteps = in.readLong();
      run.done = in.readLong();
      run.earlierSeconds = in.readDouble();
      for (int l = 0; l < run.nb.length; l++) {
        run.nb[l] = in.readLong();
      }
      byte[] bits = new byte[in.readInt()];
      in.readFully(bits);
      run.labels = Labels.fromBase64(java.util.Base64.getEncoder().encodeToString(bits),
          run.labels.size());
      if (run.accepted < 0 || run.accepted > run.chunkCount || in.read() != -1) {
        throw new IllegalArgumentException("the checkpoint is damaged");
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException(e instanceof IllegalArgumentException ? e.getMessage()
          : "the checkpoint is damaged (" + e.getMessage() + ")", e);
    }
    run.alpha = SlopeFit.alpha(run.nb, run.completedLevel());
    return run;
  }

  private static final String CHECKPOINT = "brink line checkpoint 1";

  /** What a line is: its spec's every value (records say them all) and the kept levels. */
  private static String fingerprint(LineSpec spec, int kept) {
    return spec + " kept " + kept;
  }

  /** The finest level complete after the accepted chunks (-1 for none). */
  private int completedLevel() {
    if (accepted == chunkCount) {
      return spec.levels();
    }
    int level = -1;
    while (level + 1 <= kept && chunkStart[level + 2] <= accepted) {
      level++;
    }
    return Math.max(0, level);
  }
}
