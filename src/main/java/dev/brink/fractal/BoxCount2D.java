package dev.brink.fractal;


/**
 * The box-counting dimension of a plane's boundary (docs/science.md, Box counting in a plane):
 * pixel (i, j) is a boundary pixel when the 2x2 block (i, j), (i+1, j), (i, j+1), (i+1, j+1)
 * holds both classes; for box sizes s = 1, 2, 4, ... up to a quarter of the shorter side, count
 * the aligned s x s boxes holding a boundary pixel; the dimension is minus the least-squares
 * slope of log2(count) against log2(s) over the sizes whose count exceeds 1, with the slope's
 * standard error. A smooth boundary gives about 1, a space-filling one about 2.
 */
public final class BoxCount2D {
  private BoxCount2D() {
  }

  /** Classes of a width x height image; pixels not known yet take part in no 2x2 block. */
  public interface Image {
    int width();

    int height();

    /** Whether pixel (i, j) is known; unknown pixels make no boundary. */
    boolean known(int i, int j);

    /** Whether pixel (i, j) is divergent. */
    boolean divergent(int i, int j);
  }

  /** The fit (slope = the dimension, already negated) and the box counts per size. */
  public record Result(SlopeFit fit, int[] sizes, long[] counts) {
    public double dimension() {
      return fit.slope();
    }
  }

  public static Result measure(Image image) {
    BitImage bits = BitImage.empty(image.width(), image.height());
    for (int j = 0; j < image.height(); j++) {
      for (int i = 0; i < image.width(); i++) {
        if (image.known(i, j)) {
          bits.set(i, j, image.divergent(i, j));
        }
      }
    }
    return measure(bits);
  }

  /**
   * The same on an image of bits, 64 pixels at a time: the boundary pixels (see boundary), and
   * each box size's boxes from the one before by OR-ing pairs of rows and pairs of bits.
   */
  public static Result measure(BitImage image) {
    int w = image.width() - 1;
    int h = image.height() - 1;
    if (w < 1 || h < 1) {
      return new Result(SlopeFit.NONE, new int[0], new long[0]);
    }
    int words = image.wordsPerRow();
    long[] boxes = boundary(image);
    int levels = 0;
    while ((1 << (levels + 1)) <= Math.min(image.width(), image.height()) / 4) {
      levels++;
    }
    int[] sizes = new int[levels + 1];
    long[] counts = new long[levels + 1];
    int columns = w;
    int rows = h;
    int bw = words;
    for (int level = 0; level <= levels; level++) {
      sizes[level] = 1 << level;
      long count = 0;
      for (long word : boxes) {
        count += Long.bitCount(word);
      }
      counts[level] = count;
      if (level == levels) {
        break;
      }
      // Boxes of twice the size: 2 x 2 blocks of these, odd last rows and columns alone.
      int cc = (columns + 1) / 2;
      int cr = (rows + 1) / 2;
      int cw = BitImage.words(cc);
      long[] coarser = new long[cr * cw];
      for (int j = 0; j < cr; j++) {
        int a = 2 * j * bw;
        boolean pair = 2 * j + 1 < rows;
        for (int x = 0; x < cw; x++) {
          long lo = 2 * x < bw ? boxes[a + 2 * x] | (pair ? boxes[a + bw + 2 * x] : 0) : 0;
          long hi = 2 * x + 1 < bw
              ? boxes[a + 2 * x + 1] | (pair ? boxes[a + bw + 2 * x + 1] : 0) : 0;
          coarser[j * cw + x] = evens(lo | lo >>> 1) | evens(hi | hi >>> 1) << 32;
        }
      }
      boxes = coarser;
      columns = cc;
      rows = cr;
      bw = cw;
    }
    double[] x = new double[levels + 1];
    double[] y = new double[levels + 1];
    int m = 0;
    for (int level = 0; level <= levels; level++) {
      if (counts[level] > 1) {
        x[m] = level;
        y[m] = -Math.log(counts[level]) / Math.log(2);
        m++;
      }
    }
    return new Result(SlopeFit.ols(x, y, m), sizes, counts);
  }

  /**
   * The boundary pixels of an image of at least 2 x 2 pixels, (width - 1) x (height - 1) of
   * them, as bits in the image's row layout (image.wordsPerRow() words per row, bits past
   * width - 1 zero): 64 pixels at a time, from shifts of two rows' words.
   */
  static long[] boundary(BitImage image) {
    int w = image.width() - 1;
    int h = image.height() - 1;
    int words = image.wordsPerRow();
    long[] k = image.known();
    long[] d = image.divergent();
    long[] boxes = new long[h * words];
    for (int j = 0; j < h; j++) {
      int a = j * words;
      int b = a + words;
      for (int x = 0; x < words; x++) {
        boolean more = x + 1 < words;
        long k0 = k[a + x];
        long k1 = k[b + x];
        long d0 = d[a + x];
        long d1 = d[b + x];
        // The same rows one column on: pixel i + 1 at bit i.
        long k0n = k0 >>> 1 | (more ? k[a + x + 1] << 63 : 0);
        long k1n = k1 >>> 1 | (more ? k[b + x + 1] << 63 : 0);
        long d0n = d0 >>> 1 | (more ? d[a + x + 1] << 63 : 0);
        long d1n = d1 >>> 1 | (more ? d[b + x + 1] << 63 : 0);
        boxes[a + x] = k0 & k0n & k1 & k1n & ((d0 ^ d0n) | (d0 ^ d1) | (d0 ^ d1n));
      }
      // Boundary pixels are columns 0 .. w - 1.
      int last = (w - 1) >>> 6;
      if ((w & 63) != 0) {
        boxes[a + last] &= (1L << (w & 63)) - 1;
      }
      for (int x = last + 1; x < words; x++) {
        boxes[a + x] = 0;
      }
    }
    return boxes;
  }

  /** The even bits of v, packed into its low 32 bits. */
  private static long evens(long v) {
    v &= 0x5555555555555555L;
    v = (v | v >>> 1) & 0x3333333333333333L;
    v = (v | v >>> 2) & 0x0F0F0F0F0F0F0F0FL;
    v = (v | v >>> 4) & 0x00FF00FF00FF00FFL;
    v = (v | v >>> 8) & 0x0000FFFF0000FFFFL;
    return (v | v >>> 16) & 0x00000000FFFFFFFFL;
  }
}
