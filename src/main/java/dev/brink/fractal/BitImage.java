package dev.brink.fractal;

/**
 * A width x height image of classes as bits, row by row, each row starting a new 64-bit word:
 * pixel (i, j) is bit i % 64 of word j * wordsPerRow() + i / 64, in known (the pixel's class is
 * known) and in divergent. Bits past the width are 0. Box counting works on whole words.
 */
public record BitImage(int width, int height, long[] known, long[] divergent) {

  public BitImage {
    int words = words(width) * height;
    if (known.length != words || divergent.length != words) {
      throw new IllegalArgumentException("a " + width + " x " + height + " image takes " + words
          + " words per array");
    }
  }

  /** An empty image: nothing known. */
  public static BitImage empty(int width, int height) {
    int words = words(width) * height;
    return new BitImage(width, height, new long[words], new long[words]);
  }

  /** Words per row for a width. */
  public static int words(int width) {
    return (width + 63) >>> 6;
  }

  public int wordsPerRow() {
    return words(width);
  }

  /** Sets pixel (i, j) known, of this class. */
  public void set(int i, int j, boolean isDivergent) {
    int w = j * wordsPerRow() + (i >>> 6);
    long bit = 1L << (i & 63);
    known[w] |= bit;
    if (isDivergent) {
      divergent[w] |= bit;
    } else {
      divergent[w] &= ~bit;
    }
  }

  public boolean known(int i, int j) {
    return (known[j * wordsPerRow() + (i >>> 6)] >>> (i & 63) & 1) == 1;
  }

  public boolean divergent(int i, int j) {
    return (divergent[j * wordsPerRow() + (i >>> 6)] >>> (i & 63) & 1) == 1;
  }
}
