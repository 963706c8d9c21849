package dev.brink.plane;

/**
 * A tile of a {@link TilePyramid}: zoom z, column x (from x min), row y (from y min).
 */
public record TileAddress(int z, long x, long y) {
}
