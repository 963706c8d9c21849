package dev.brink.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.DyadicBoxCount;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A line that keeps the labels of its coarser levels only and streams the finer ones in blocks
 * gives the same N_B, alpha, GD steps and divergent count as one that keeps every label.
 */
class StreamedLineTest {
  private static final GdRunner RUNNER = GdRunner.forAllCores();

  @AfterAll
  static void stop() {
    RUNNER.close();
  }

  private static LineResult run(LineRun run, List<LevelSummary> summaries) {
    for (LineRun.Chunk chunk : run.chunks()) {
      summaries.addAll(run.accept(run.compute(chunk, RUNNER, Cancellation.NONE)));
    }
    return run.result();
  }

  @Test
  @DisplayName("streamed levels 9..16 (blocks of 255 inner points, 64 to a chunk) equal a line "
      + "keeping every label: N_B, alpha, steps, divergent points, and every level summarised")
  void streamedEqualsKept() {
    for (Family family : new Family[] {Family.ADDITIVE, Family.MULTIPLICATIVE}) {
      LineSpec spec = new LineSpec(GdConfig.builder(family).eps(0.2).lambda(0.1).build(), 16,
          0, 1.5);
      List<LevelSummary> keptLevels = new ArrayList<>();
      List<LevelSummary> streamedLevels = new ArrayList<>();
      LineResult kept = run(new LineRun(spec, 16), keptLevels);
      LineRun streaming = new LineRun(spec, 8);
      LineResult streamed = run(streaming, streamedLevels);
      assertArrayEquals(kept.nb(), streamed.nb(), family.id());
      assertEquals(kept.alpha(), streamed.alpha());
      assertEquals(kept.gdSteps(), streamed.gdSteps());
      assertEquals(kept.divergent(), streamed.divergent());
      assertEquals(kept.labels().divergentCount(), kept.divergent());
      assertTrue(kept.labelsComplete() && !streamed.labelsComplete());
      assertEquals(257, streamed.labels().size(), "2^8 + 1 labels kept");
      for (int i = 0; i <= 256; i++) {
        assertEquals(kept.labels().divergent(i * 256), streamed.labels().divergent(i));
      }
      assertEquals(17, streamedLevels.size());
      for (int l = 0; l <= 16; l++) {
        assertEquals(l, streamedLevels.get(l).level());
        assertArrayEquals(keptLevels.get(l).nb(), streamedLevels.get(l).nb());
        assertEquals(keptLevels.get(l).alpha(), streamedLevels.get(l).alpha());
      }
      assertEquals(DyadicBoxCount.count(kept.labels(), 16, 16), streamed.nb()[16]);
    }
  }

  @Test
  @DisplayName("every grid point is in exactly one chunk, in the order of the levels and then "
      + "of the learning rate")
  void chunksCoverTheGridOnce() {
    LineSpec spec = new LineSpec(GdConfig.builder(Family.QUADRATIC).build(), 18, 0, 1.5);
    LineRun run = new LineRun(spec, 10);
    Set<Long> seen = new HashSet<>();
    long lastBlockPoint = -1;
    for (int n = 0; n < run.chunks().size(); n++) {
      LineRun.Chunk c = run.chunks().get(n);
      assertEquals(n, c.number());
      for (int k = 0; k < c.count(); k++) {
        long j = c.index(k);
        assertTrue(seen.add(j), "point " + j + " twice");
        if (c.blocks() != null) {
          assertTrue(j > lastBlockPoint && j % 256 != 0, "block points ascend, inner only");
          lastBlockPoint = j;
        }
      }
    }
    assertEquals(spec.points(), seen.size());
  }

  @Test
  @DisplayName("N = 32: 2^32 + 1 learning rates planned with 2^24 + 1 labels and 2^18 + 1048 "
      + "chunks made when asked for; more than 32 levels refused")
  void thirtyTwoLevels() {
    LineSpec spec = new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1).build(),
        32, 0, 1.5);
    assertEquals((1L << 32) + 1, spec.points());
    LineRun run = new LineRun(spec);
    int coarse = 0;
    for (int l = 0; l <= 24; l++) {
      coarse += (LevelPoints.of(32, l).count() + LineRun.CHUNK - 1) / LineRun.CHUNK;
    }
    assertEquals(coarse + (1 << 24) / 64, run.chunks().size());
    LineRun.Chunk last = run.chunks().get(run.chunks().size() - 1);
    assertEquals((1L << 32) - 1, last.index(last.count() - 1), "the last inner point");
    assertEquals(64 * 255, last.count());
    assertThrows(dev.brink.params.InvalidParameterException.class, () -> new LineSpec(
        GdConfig.builder(Family.ADDITIVE).build(), 33, 0, 1.5));
  }
}
