package dev.brink.plane;

import dev.brink.descent.Outcomes;

/**
 * A computed tile: the outcomes of its size x size pixels, row by row from its lowest y, each row
 * from its lowest x.
 *
 * @param gdSteps GD updates executed for it
 * @param seconds compute time
 */
public record Tile(TileAddress address, int size, Outcomes outcomes, long gdSteps,
    double seconds) {
}
