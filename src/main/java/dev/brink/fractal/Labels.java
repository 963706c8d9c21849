package dev.brink.fractal;

import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;

/**
 * A fixed number of bounded/divergent labels, one bit each (1 = divergent), in the reference
 * format of docs/science.md, Reference data: little-endian bit order within each byte (point j
 * is bit j % 8 of byte j / 8), base64 encoded. Not thread-safe: one writer at a time.
 */
public final class Labels {
  private final int size;
  private final BitSet bits;

  public Labels(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size " + size);
    }
    this.size = size;
    this.bits = new BitSet(size);
  }

  public int size() {
    return size;
  }

  public boolean divergent(int j) {
    return bits.get(checked(j));
  }

  public void set(int j, boolean divergent) {
    bits.set(checked(j), divergent);
  }

  public int divergentCount() {
    return bits.cardinality();
  }

  /** The reference encoding: ceil(size / 8) bytes, bit j % 8 of byte j / 8, base64. */
  public String toBase64() {
    // BitSet.toByteArray is little-endian in exactly this sense but drops trailing zero bytes.
    return Base64.getEncoder().encodeToString(Arrays.copyOf(bits.toByteArray(), (size + 7) / 8));
  }

  /** Decodes {@link #toBase64()} output of {@code size} labels. */
  public static Labels fromBase64(String b64, int size) {
    byte[] bytes = Base64.getDecoder().decode(b64);
    if (bytes.length != (size + 7) / 8) {
      throw new IllegalArgumentException(
          bytes.length + " bytes cannot hold exactly " + size + " labels");
    }
    Labels labels = new Labels(size);
    labels.bits.or(BitSet.valueOf(bytes));
    labels.bits.clear(size, bytes.length * 8);
    return labels;
  }

  /** Fraction of labels equal in both; the sizes must match. */
  public double agreement(Labels other) {
    if (other.size != size) {
      throw new IllegalArgumentException("sizes differ: " + size + " and " + other.size);
    }
    BitSet differ = (BitSet) bits.clone();
    differ.xor(other.bits);
    return size == 0 ? 1 : 1 - differ.cardinality() / (double) size;
  }

  private int checked(int j) {
    if (j < 0 || j >= size) {
      throw new IndexOutOfBoundsException("label " + j + " outside 0.." + (size - 1));
    }
    return j;
  }
}
