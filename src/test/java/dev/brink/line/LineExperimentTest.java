package dev.brink.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.fractal.DyadicBoxCount;
import dev.brink.fractal.SlopeFit;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineExperimentTest {
  private static final GdRunner RUNNER = GdRunner.forAllCores();

  @AfterAll
  static void stop() {
    RUNNER.close();
  }

  static GdConfig fig2a() {
    return GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1).build();
  }

  @Test
  @DisplayName("the levels' new points cover every grid point exactly once")
  void levelsPartitionTheGrid() {
    int levels = 10;
    int[] seen = new int[(1 << levels) + 1];
    for (int l = 0; l <= levels; l++) {
      LevelPoints p = LevelPoints.of(levels, l);
      for (int k = 0; k < p.count(); k++) {
        seen[(int) p.index(k)]++;
      }
    }
    assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), Arrays.toString(seen));
  }

  @Test
  @DisplayName("each level's summary is final: N_B and alpha equal those of the finished line")
  void levelSummariesAreFinal() {
    LineSpec spec = new LineSpec(fig2a(), 15, 0, 1.5);
    List<LevelSummary> summaries = new ArrayList<>();
    long[] chunkSteps = {0};
    LineResult result = LineExperiment.run(spec, RUNNER, Cancellation.NONE, new LineListener() {
      @Override
      public void onChunk(LineRun.Chunk chunk, Outcomes outcomes) {
        chunkSteps[0] += outcomes.gdSteps(chunk.count());
      }

      @Override
      public void onLevel(LevelSummary s) {
        summaries.add(s);
      }
    });
    assertEquals(16, summaries.size());
    for (LevelSummary s : summaries) {
      assertEquals(DyadicBoxCount.count(result.labels(), 15, s.level()), s.nb()[s.level()]);
      assertArrayEquals(Arrays.copyOf(result.nb(), s.level() + 1), s.nb());
      assertEquals(SlopeFit.alpha(result.nb(), s.level()), s.alpha());
    }
    LevelSummary last = summaries.get(15);
    assertEquals(spec.points(), last.pointsDone());
    assertEquals(result.gdSteps(), last.gdSteps());
    assertEquals(result.gdSteps(), chunkSteps[0]);
    assertEquals(result.labels().divergentCount(), last.divergent());
    assertEquals(result.alpha(), last.alpha());
  }

  @Test
  @DisplayName("the pure quadratic has one boundary between eta 1.0 and 1.02 and alpha 0")
  void quadraticHasOneBoundary() {
    LineSpec spec = new LineSpec(GdConfig.builder(Family.QUADRATIC).build(), 16, 0, 1.5);
    LineResult r = LineExperiment.run(spec, RUNNER, Cancellation.NONE, LineListener.NONE);
    int flips = 0;
    int firstDivergent = -1;
    for (int j = 1; j < spec.points(); j++) {
      if (r.labels().divergent(j) != r.labels().divergent(j - 1)) {
        flips++;
        firstDivergent = j;
      }
    }
    assertEquals(1, flips);
    assertTrue(r.labels().divergent((int) spec.points() - 1));
    double etaBefore = spec.etas().value(firstDivergent - 1);
    double etaAfter = spec.etas().value(firstDivergent);
    assertTrue(etaBefore >= 1.0 && etaAfter <= 1.02, etaBefore + " .. " + etaAfter);
    assertTrue(Arrays.stream(r.nb()).allMatch(n -> n == 1));
    assertEquals(0.0, r.alpha().slope());
  }

  @Test
  @DisplayName("a cancelled line stops with CancellationException")
  void cancellation() {
    AtomicBoolean cancelled = new AtomicBoolean();
    LineSpec spec = new LineSpec(fig2a(), 20, 0, 1.5);
    List<Integer> levelsSeen = new ArrayList<>();
    assertThrows(CancellationException.class,
        () -> LineExperiment.run(spec, RUNNER, cancelled::get, new LineListener() {
          @Override
          public void onLevel(LevelSummary s) {
            levelsSeen.add(s.level());
            if (s.level() == 8) {
              cancelled.set(true);
            }
          }
        }));
    assertEquals(9, levelsSeen.size());
  }
}
