package dev.brink.reproduce;

import java.util.List;

/**
 * What one experiment of the paper gave: its id (the paper's figure numbers), title, what brink
 * ran, the comparisons with the paper, the figures, the GD steps and the wall time.
 */
public record Outcome(String id, String title, String setting, List<Comparison> comparisons,
    List<Figure> figures, long gdSteps, double seconds) {

  public boolean passed() {
    return comparisons.stream().allMatch(Comparison::pass);
  }
}
