package dev.brink.grid;

import dev.brink.descent.TrajectoryBatch;
import dev.brink.landscape.Family;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import dev.brink.optimizer.Optimizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A parameter a plane can put on an axis, and how a value of it enters a trajectory. */
public enum AxisParameter {
  /** The learning rate of every coordinate. */
  ETA,
  EPS,
  LAMBDA,
  /** The start value of every coordinate. */
  X0,
  EPS2,
  LAMBDA2,
  /** The learning rate of coordinate 1 (dimension 2 only); for family mlp, of layer 1. */
  ETA1,
  /** The learning rate of coordinate 2 (dimension 2 only). */
  ETA2,
  /** The learning rate of layer 0, the input layer (family mlp). */
  ETA0,
  /** The offset added to W0 before every step (family mlp). */
  OFFSET,
  /** Momentum's and Nesterov's coefficient. */
  BETA,
  /** Adam's first-moment decay. */
  BETA1,
  /** Adam's second-moment decay. */
  BETA2,
  /** Adam's epsilon. */
  ADAM_EPS;

  /** The name of axes and parameters: adam-eps for ADAM_EPS, else the lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether this is a parameter of the optimizer rather than of the family. */
  public boolean ofOptimizer() {
    return this == BETA || this == BETA1 || this == BETA2 || this == ADAM_EPS;
  }

  /** Checks that the optimizer has this parameter (beta is momentum's and Nesterov's). */
  public void checkOptimizer(String field, Optimizer optimizer) {
    boolean ok = this == BETA ? optimizer.usesBeta() : !ofOptimizer() || optimizer.usesAdam();
    if (!ok) {
      throw new InvalidParameterException(field, "axis " + id() + " is not a parameter of"
          + " optimizer " + optimizer.id() + " (it applies to "
          + (this == BETA ? "momentum, nesterov" : "adam") + ")");
    }
  }

  public static String allowedIds() {
    return Arrays.stream(values()).map(AxisParameter::id).collect(Collectors.joining(", "));
  }

  /** The parameter with this id, or null. */
  public static AxisParameter byId(String id) {
    for (AxisParameter p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Whether this is the learning rate of one coordinate (which needs dimension 2) or of one
   * layer, not of all.
   */
  public boolean perCoordinate() {
    return this == ETA1 || this == ETA2 || this == ETA0;
  }

  /** Checks that a value is allowed for this parameter; field names the axis option. */
  void checkValue(String field, double v) {
    switch (this) {
      case EPS:
      case EPS2:
        Check.nonNegative(field, v);
        return;
      case LAMBDA:
      case LAMBDA2:
      case ADAM_EPS:
        Check.positive(field, v);
        return;
      case BETA:
        if (!(v > -1 && v < 1)) {
          throw new InvalidParameterException(field, "beta must lie in -1 < beta < 1, got " + v);
        }
        return;
      case BETA1:
      case BETA2:
        if (!(v >= 0 && v < 1)) {
          throw new InvalidParameterException(field, id() + " must lie in 0 <= " + id()
              + " < 1, got " + v);
        }
        return;
      default:
        Check.finite(field, v);
    }
  }

  /** Checks that the family has this parameter (eps2 is twocos only, and so on). */
  public void checkFamily(String field, Family family) {
    boolean ok;
    if (ofOptimizer()) {
      return;
    }
    if (family.isNetwork()) {
      ok = this == ETA || this == ETA0 || this == ETA1 || this == OFFSET;
      if (!ok) {
        throw new InvalidParameterException(field, "axis " + id() + " is not a parameter of"
            + " family " + family.id() + " (its axes: eta, eta0, eta1, offset, and the"
            + " optimizer's)");
      }
      return;
    }
    switch (this) {
      case EPS:
      case LAMBDA:
        ok = family.usesEpsLambda();
        break;
      case EPS2:
      case LAMBDA2:
        ok = family.usesEps2Lambda2();
        break;
      case ETA0:
      case OFFSET:
        ok = false;
        break;
      default:
        ok = true;
    }
    if (!ok) {
      throw new InvalidParameterException(field,
          "axis " + id() + " is not a parameter of family " + family.id());
    }
  }

  /** Checks that eta1 and eta2 (one learning rate per coordinate) come with dimension 2. */
  public void checkDim(String field, int dim) {
    if (perCoordinate() && dim != 2) {
      throw new InvalidParameterException(field, "axis " + id()
          + " needs dimension 2 (one learning rate per coordinate), got dim " + dim);
    }
  }

  /**
   * Gives the builder this axis's value where the option was left out, so that a plane over eps
   * does not also need --eps; giving both is an error, since the option would be ignored.
   *
   * @param field the axis option, for the error message
   */
  public void fillIn(GdConfig.Builder builder, String field, double value) {
    if (perCoordinate()) {
      return;
    }
    if (builder.has(id())) {
      throw new InvalidParameterException(id(),
          "is the " + field + " axis of this plane; leave out the fixed value");
    }
    builder.set(id(), value);
  }

  /** Writes a value of this parameter into trajectory i, over what the base config set. */
  public void apply(TrajectoryBatch batch, int i, double value) {
    boolean network = batch.network() != null;
    switch (this) {
      case ETA:
        batch.setEta(i, value);
        return;
      case EPS:
        batch.setEps(i, value);
        return;
      case LAMBDA:
        batch.setLambda(i, value);
        return;
      case X0:
        batch.setX0(i, value);
        return;
      case EPS2:
        batch.setEps2(i, value);
        return;
      case LAMBDA2:
        batch.setLambda2(i, value);
        return;
      case ETA1:
        batch.setEta(i, network ? 1 : 0, value);
        return;
      case ETA2:
        batch.setEta(i, 1, value);
        return;
      case ETA0:
        batch.setEta(i, 0, value);
        return;
      case OFFSET:
        batch.setOffset(i, value);
        return;
      case BETA:
        batch.setBeta(i, value);
        return;
      case BETA1:
        batch.setBeta1(i, value);
        return;
      case BETA2:
        batch.setBeta2(i, value);
        return;
      case ADAM_EPS:
        batch.setAdamEps(i, value);
        return;
      default:
        throw new AssertionError(this);
    }
  }
}
