package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;

/**
 * The GD kernel of {@link ScalarKernel} on SIMD lanes (jdk.incubator.vector). Each lane runs
 * one trajectory; a lane whose run ends (diverged, or T steps) is refilled at once with the
 * next trajectory of the range, so vectors stay full while runs stop at different steps. Two groups of lanes step together: each step of one group is a
 * chain of dependent operations (sine, gradient, update), and a second independent chain keeps
 * the core busy while the first waits. Fast loops keep the lanes in registers without masks
 * ({@link SeparableLoops}, {@link MultiplicativeLoops}: one coordinate; n equal coordinates;
 * two coordinates that differ); every other run (three or more coordinates that differ) takes
 * {@link LaneWorkspace#arrayRounds}, the same rounds on the lane arrays for any family and
 * dimension. Same rule, outcomes and speed measure as the scalar kernel, and the same bits:
 * sine and cosine are brink's own ({@link VectorTrig}, lane by lane the scalar kernel's Trig;
 * docs/science.md, Sine and cosine), so every kernel, JIT tier and run labels every point
 * alike (VectorKernelTest against the scalar kernel). Momentum and Nesterov on the separable
 * families with one coordinate or equal ones, and both on the multiplicative family in one
 * dimension, take {@link MomentumLoops}; every other optimizer run takes
 * {@link LaneWorkspace#optimizerRounds}. Not thread-safe: one instance per thread
 * (it reuses its lane workspace).
 */
public final class VectorKernel {
  private final int dim;
  private final LaneWorkspace ws;

  public VectorKernel(int dim) {
    this.dim = dim;
    ws = new LaneWorkspace(dim);
  }

  public static int lanes() {
    return LaneWorkspace.L;
  }

  /** Runs trajectories from..to-1 of the batch into out (slots from..to-1). */
  public void run(TrajectoryBatch b, int from, int to, Outcomes out) {
    if (b.dim != dim) {
      throw new IllegalArgumentException("kernel for dim " + dim + ", batch dim " + b.dim);
    }
    int next = ws.loadAll(b, from, to);
    ws.equal = dim > 1 && coordinatesEqual(b, from, to);
    boolean separable = b.family != Family.MULTIPLICATIVE;
    if (b.optimizer != Optimizer.GD) {
      boolean registers = separable && (dim == 1 || ws.equal) && b.optimizer != Optimizer.ADAM;
      if (b.family == Family.MULTIPLICATIVE && dim == 1 && b.optimizer == Optimizer.MOMENTUM) {
        next = MomentumLoops.multiplicative(ws, b, next, to, out);
      } else if (b.family == Family.MULTIPLICATIVE && dim == 1
          && b.optimizer == Optimizer.NESTEROV) {
        next = MomentumLoops.nesterovMultiplicative(ws, b, next, to, out);
      } else if (registers && b.family == Family.TWOCOS) {
        next = MomentumLoops.twoWaves(ws, b, next, to, out);
      } else if (registers) {
        next = MomentumLoops.ripple(ws, b, next, to, out);
      } else {
        next = ws.optimizerRounds(b, next, to, out);
      }
    } else if (separable && (dim == 1 || ws.equal)) {
      next = b.family == Family.TWOCOS ? SeparableLoops.twoWaves(ws, b, next, to, out)
          : SeparableLoops.ripple(ws, b, next, to, out);
    } else if (dim == 2 && separable) {
      next = b.family == Family.TWOCOS ? SeparableLoops.wavePairs(ws, b, next, to, out)
          : SeparableLoops.pairs(ws, b, next, to, out);
    } else if (b.family == Family.MULTIPLICATIVE && dim == 1) {
      next = MultiplicativeLoops.oneCoordinate(ws, b, next, to, out);
    } else if (b.family == Family.MULTIPLICATIVE && ws.equal) {
      next = MultiplicativeLoops.equalCoordinates(ws, b, next, to, out);
    } else if (b.family == Family.MULTIPLICATIVE && dim == 2) {
      next = MultiplicativeLoops.pairs(ws, b, next, to, out);
    } else {
      next = ws.arrayRounds(b, next, to, out);
    }
    assert ws.freeSteps(b.steps) < 0 && next == to;
  }

  /**
   * Whether every trajectory of the range starts with all coordinates equal and has one
   * learning rate for all: then, for a loss that is a sum over coordinates, every coordinate
   * takes the same operations on the same values at every step, so the fast loops compute one
   * coordinate for all n (the paper's n-D runs start at x0 = 1/n in every coordinate).
   */
  private boolean coordinatesEqual(TrajectoryBatch b, int from, int to) {
    for (int i = from; i < to; i++) {
      int base = i * dim;
      for (int d = 1; d < dim; d++) {
        if (Double.doubleToRawLongBits(b.x0[base + d]) != Double.doubleToRawLongBits(b.x0[base])
            || Double.doubleToRawLongBits(b.eta[base + d])
                != Double.doubleToRawLongBits(b.eta[base])) {
          return false;
        }
      }
    }
    return true;
  }
}
