package dev.brink.network;

import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;

/**
 * Everything of family mlp except the learning rates: a one-hidden-layer network of
 * {@code hidden} units on {@code inputs} inputs trained on {@code points} data points drawn from
 * {@code seed}, full batch or on minibatches of {@code batch} points (docs/science.md, Neural
 * networks).
 *
 * @param batch B, points per minibatch (drawn with replacement), or 0 for full batch
 * @param offset c, added to W0 before every step's gradient, where it is not a plane's axis
 * @param arrays the initial weights and data, or null to draw them from the seed (which still
 *     draws the minibatches)
 */
public record NetworkSpec(int inputs, int hidden, int points, Activation activation, long seed,
    int batch, double offset, NetworkArrays arrays) {

  public static final int DEFAULT_INPUTS = 16;
  public static final int DEFAULT_HIDDEN = 16;
  public static final int DEFAULT_STEPS = 100;
  public static final int MAX_STEPS = 10_000;
  public static final int MAX_WIDTH = 1024;
  public static final int MAX_POINTS = 65_536;
  /** P (d + 1) n at most: one GD step of one pixel is about 4 times this many flops. */
  public static final long MAX_WORK = 1L << 22;
  /** Seeds go through JSON as numbers: integers up to 2^53 stay exact. */
  public static final long MAX_SEED = 1L << 53;

  /** A network drawn from its seed. */
  public NetworkSpec(int inputs, int hidden, int points, Activation activation, long seed,
      int batch, double offset) {
    this(inputs, hidden, points, activation, seed, batch, offset, null);
  }

  public NetworkSpec {
    Check.between("inputs", inputs, 1, MAX_WIDTH);
    Check.between("hidden", hidden, 1, MAX_WIDTH);
    Check.between("points", points, 1, MAX_POINTS);
    Check.required("activation", activation, "(one of " + Activation.allowedIds() + ")");
    Check.between("seed", seed, 0, MAX_SEED);
    Check.between("batch", batch, 0, MAX_POINTS);
    Check.finite("offset", offset);
    if (arrays != null && (arrays.inputs() != inputs || arrays.hidden() != hidden
        || arrays.points() != points)) {
      throw new IllegalArgumentException("arrays of " + arrays.inputs() + ", " + arrays.hidden()
          + ", " + arrays.points() + " for a network of " + inputs + ", " + hidden + ", "
          + points);
    }
    long work = (long) points * (inputs + 1) * hidden;
    if (work > MAX_WORK) {
      throw new InvalidParameterException("points", "points * (inputs + 1) * hidden must be at"
          + " most " + MAX_WORK + " (the cost of one step), got " + work);
    }
  }

  /** The default network with these optional values (null = default) and an offset. */
  public static NetworkSpec of(Integer inputs, Integer hidden, Integer points,
      Activation activation, Long seed, Integer batch, double offset) {
    return of(inputs, hidden, points, activation, seed, batch, offset, null);
  }

  /**
   * ... on given arrays (null: drawn from the seed), whose shapes set inputs, hidden and points;
   * a value given as well must agree with them.
   */
  public static NetworkSpec of(Integer inputs, Integer hidden, Integer points,
      Activation activation, Long seed, Integer batch, double offset, NetworkArrays arrays) {
    if (arrays != null) {
      agree("inputs", inputs, arrays.inputs());
      agree("hidden", hidden, arrays.hidden());
      agree("points", points, arrays.points());
      inputs = arrays.inputs();
      hidden = arrays.hidden();
      points = arrays.points();
    }
    int d = inputs == null ? DEFAULT_INPUTS : Check.between("inputs", inputs, 1, MAX_WIDTH);
    int n = hidden == null ? DEFAULT_HIDDEN : Check.between("hidden", hidden, 1, MAX_WIDTH);
    return new NetworkSpec(d, n, points == null ? d * n + n : points,
        activation == null ? Activation.TANH : activation, seed == null ? 0 : seed,
        batch == null ? 0 : batch, offset, arrays);
  }

  private static void agree(String field, Integer given, int fromArrays) {
    if (given != null && given != fromArrays) {
      throw new InvalidParameterException(field, "the weights file's arrays give " + field
          + " " + fromArrays + ", not " + given);
    }
  }

  /** Trainable weights: d n + n. */
  public int parameters() {
    return inputs * hidden + hidden;
  }

  /** Whether each step's gradient is taken on a minibatch rather than all points. */
  public boolean minibatch() {
    return batch > 0;
  }

  /** A step of the default network (16 x 16, 272 points, full batch): 305,184 flops. */
  public static final long DEFAULT_FLOPS_PER_STEP =
      new NetworkSpec(DEFAULT_INPUTS, DEFAULT_HIDDEN, 272, Activation.TANH, 0, 0, 0)
          .flopsPerStep();

  /**
   * What one of this network's steps costs in steps of the default network, by flops: a live
   * view's budget (--max-network-view-work) counts default steps, so a larger network gets a
   * coarser view rather than hours of work.
   */
  public double relativeCost() {
    return flopsPerStep() / (double) DEFAULT_FLOPS_PER_STEP;
  }

  /**
   * Floating-point operations of one GD step of one pixel, counting a multiply-add as two: the
   * forward product X W0 and the backward X^T G (2 P d n each), the output and its gradients
   * (6 P n), the update (2 (d n + n)). Activations are not counted, as in a GEMM's rate.
   */
  public long flopsPerStep() {
    long pdn = (long) points * inputs * hidden;
    int backward = minibatch() ? Math.min(batch, points) : points;
    long bdn = (long) backward * inputs * hidden;
    return 2 * pdn + 2 * bdn + 6L * points * hidden + 2L * parameters();
  }
}
