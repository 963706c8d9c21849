package dev.brink.reproduce;

/**
 * One number of the paper beside brink's: what is compared, the paper's value, brink's, the
 * tolerance the comparison allows, and whether brink's is within it.
 */
public record Comparison(String quantity, String paper, String brink, String tolerance,
    boolean pass) {
}
