package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import java.util.BitSet;

/**
 * The samples one unit of a view's work computes: a crop of one level's grid, all of its points
 * (the coarsest level) or, to refine, only those whose column or row is odd; the others are
 * the points of the next coarser level's grid, which has half the intervals, and that level
 * computed them. Points are numbered row by row from the crop's lowest row, each row from its
 * lowest column, skipping the coarser level's: that is their order in a frame
 * (docs/protocol.md).
 *
 * @param level the view's level, 0 the coarsest
 * @param crop the level's grid and the crop of it
 */
public record LevelTile(int level, PlaneSpec crop, boolean refine) {

  /** Whether grid point (column, row) belongs to this tile's level rather than a coarser one. */
  public boolean owns(long column, long row) {
    return !refine || (column & 1) == 1 || (row & 1) == 1;
  }

  /** Points this tile computes. */
  public int count() {
    if (!refine) {
      return crop.width() * crop.height();
    }
    long evenColumns = evens(crop.column0(), crop.width());
    long evenRows = evens(crop.row0(), crop.height());
    return Math.toIntExact((long) crop.width() * crop.height() - evenColumns * evenRows);
  }

  /** Runs the points of the tile (wanted null) or those whose numbers are set in wanted. */
  public Outcomes compute(BitSet wanted, GdRunner runner, Cancellation cancel) {
    int n = wanted == null ? count() : wanted.cardinality();
    TrajectoryBatch batch = PlaneExperiment.batch(crop, Math.max(1, n));
    int[] slot = {0};
    forEach((k, column, row) -> {
      if (wanted == null || wanted.get(k)) {
        PlaneExperiment.set(crop, batch, slot[0]++, column, row);
      }
    });
    batch.setCount(slot[0]);
    Outcomes outcomes = new Outcomes(Math.max(1, n));
    runner.run(batch, outcomes, cancel);
    return outcomes;
  }

  /** A tile's point: its number, grid column and grid row. */
  @FunctionalInterface
  public interface PointConsumer {
    void accept(int k, long column, long row);
  }

  /** Every point of the tile in its order. */
  public void forEach(PointConsumer consumer) {
    int k = 0;
    for (int r = 0; r < crop.height(); r++) {
      long row = crop.row0() + r;
      for (int c = 0; c < crop.width(); c++) {
        long column = crop.column0() + c;
        if (owns(column, row)) {
          consumer.accept(k++, column, row);
        }
      }
    }
  }

  /** Even numbers among first .. first + count - 1. */
  private static long evens(long first, int count) {
    return (first + count + 1) / 2 - (first + 1) / 2;
  }
}
