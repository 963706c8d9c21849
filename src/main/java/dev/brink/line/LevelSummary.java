package dev.brink.line;

import dev.brink.fractal.SlopeFit;

/**
 * What is known after a level of a line: N_B of levels 0..level and alpha fitted to them.
 *
 * @param level the level just completed
 * @param nb N_B(0..level) (a copy)
 * @param alpha the fit over levels 0..level with N_B > 1 (0 while fewer than 3 qualify)
 * @param pointsDone grid points computed so far
 * @param pointsTotal 2^N + 1
 * @param divergent divergent points so far
 * @param gdSteps GD updates executed so far
 * @param seconds time since the line started
 */
public record LevelSummary(int level, long[] nb, SlopeFit alpha, long pointsDone,
    long pointsTotal, long divergent, long gdSteps, double seconds) {
}
