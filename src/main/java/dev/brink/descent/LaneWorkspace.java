package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.optimizer.Optimizer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernel}'s lanes: one trajectory per lane, W = 2 groups of L lanes, as arrays
 * (structure of arrays). The register loops (SeparableLoops, MultiplicativeLoops) load them
 * for a round and store them back; here are the ends of rounds (endRound and its masked
 * general step, settle), which record the lanes that end and refill them with the next
 * trajectories at once, and arrayRounds, the rounds for runs whose coordinates differ. Not
 * thread-safe: one per thread.
 */
final class LaneWorkspace {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Lanes in all: two groups of one vector each. */
  static final int W = 2 * L;

  final int dim;
  /** x[d][lane]: coordinate d of each lane's iterate (swapped with px, see endRound). */
  double[][] x;
  /** The previous iterate, after a fast round. */
  double[][] px;
  final double[][] g;
  final double[][] eta;
  final double[] eps = new double[W];
  final double[] k = new double[W];
  final double[] eps2 = new double[W];
  final double[] k2 = new double[W];
  final double[] t = new double[W];
  /** The loss at the previous step (for a divergent run's crossing time). */
  final double[] prev = new double[W];
  final double[] moved = new double[W];
  final double[] movedTime = new double[W];
  final double[] f = new double[W];
  /** One coordinate's loss term and cosine sum term, lane by lane (lossAndGradient). */
  private final double[] term = new double[W];
  private final double[] wave = new double[W];
  private final double[] wave2 = new double[W];
  /** The fast loops' arguments of sines, then the sines (VectorTrig works in place), for up
   * to four waves of both lane groups; and the cosines of the same arguments. */
  final double[] waves = new double[4 * W];
  final double[] cosines = new double[4 * W];
  /** Whether the current range's runs have all coordinates equal (see VectorKernel). */
  boolean equal;
  private final int[] index = new int[W];
  /** 1 for a lane running a trajectory, 0 for an idle one (read as a mask each step). */
  private final double[] alive = new double[W];
  /** The optimizer's state per coordinate: momentum's velocity or Adam's first moment. */
  final double[][] v;
  /** Adam's second moment per coordinate. */
  final double[][] s;
  /** Each lane's optimizer parameters (OptimizerState's names) and Adam's powers of them. */
  final double[] beta = new double[W];
  final double[] beta1 = new double[W];
  final double[] beta2 = new double[W];
  final double[] adamEps = new double[W];
  final double[] p1 = new double[W];
  final double[] p2 = new double[W];
  /** The loss at the iterate while Nesterov's gradient is taken at the look-ahead point. */
  private final double[] fx = new double[W];
  /** The masked steps' lanes that diverged, reached T or step (1, else 0): laneStates. */
  private final double[] diverging = new double[W];
  private final double[] ending = new double[W];
  private final double[] stepping = new double[W];
  /** optimizerStep's step eta u of one coordinate. */
  private final double[] update = new double[W];

  LaneWorkspace(int dim) {
    this.dim = dim;
    x = new double[dim][W];
    px = new double[dim][W];
    g = new double[dim][W];
    eta = new double[dim][W];
    v = new double[dim][W];
    this.s = new double[dim][W];
  }

  /** Fills every lane from trajectory `next` on; returns the next index. */
  int loadAll(TrajectoryBatch b, int next, int to) {
    for (int lane = 0; lane < W; lane++) {
      next = load(b, lane, next, to);
    }
    return next;
  }

  /**
   * Steps every live lane can take before one reaches T: min(T - t) over them; -1 when no
   * lane is live.
   */
  int freeSteps(int steps) {
    DoubleVector stepsV = DoubleVector.broadcast(S, steps);
    DoubleVector free = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    boolean any = false;
    for (int o = 0; o < W; o += L) {
      VectorMask<Double> live = DoubleVector.fromArray(S, alive, o)
          .compare(VectorOperators.GT, 0.0);
      any |= live.anyTrue();
      free = free.lanewise(VectorOperators.MIN, stepsV.sub(DoubleVector.fromArray(S, t, o)), live);
    }
    return any ? (int) free.reduceLanes(VectorOperators.MIN) : -1;
  }

  /**
   * One step of every live lane on the lane arrays, with masks: lanes that diverge or reach T
   * are recorded and refilled. Returns the next trajectory index.
   */
  int generalStep(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double limit = b.bound * dim;
    for (int o = 0; o < W; o += L) {
      lossAndGradient(b.family, o, true);
      DoubleVector tv = DoubleVector.fromArray(S, t, o);
      boolean ends = laneStates(o, limit, b.steps);
      VectorMask<Double> step = DoubleVector.fromArray(S, stepping, o)
          .compare(VectorOperators.GT, 0.0);
      DoubleVector change = DoubleVector.zero(S);
      // Equal coordinates: coordinate 0 stands for all (copied below).
      for (int d = 0; d < (equal ? 1 : dim); d++) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        DoubleVector sv = DoubleVector.fromArray(S, eta[d], o)
            .mul(DoubleVector.fromArray(S, g[d], o));
        xv.sub(sv, step).intoArray(x[d], o);
        change = change.max(sv.mul(xv.mul(2.0).sub(sv)).abs());
      }
      DoubleVector.fromArray(S, moved, o).add(change, step).intoArray(moved, o);
      DoubleVector.fromArray(S, movedTime, o).add(change.mul(tv), step).intoArray(movedTime, o);
      tv.add(1.0, step).intoArray(t, o);
      if (ends) {
        next = finish(b, o, next, to, out, limit);
      }
    }
    if (equal) {
      copyCoordinate0(x);
    }
    return next;
  }

  /**
   * The states of the lanes at offset o from their loss f at the iterate: diverging (live, f
   * not within limit, NaN included), ending (live, within it, t = T) and stepping (the other
   * live ones) as 1 or 0, and prev = f where a lane steps; returns whether a lane diverged or
   * ended. Through arrays and 0/1 vectors rather than masks: masks combined by and/andNot, or
   * made into bits, are not compiled to vector code by JDK 17 and were allocated at every step
   * (KernelAllocationTest); masks or vectors passed to a method are boxed.
   */
  private boolean laneStates(int o, double limit, int steps) {
    DoubleVector fv = DoubleVector.fromArray(S, f, o);
    DoubleVector liveN = DoubleVector.zero(S).blend(1.0, DoubleVector.fromArray(S, alive, o)
        .compare(VectorOperators.GT, 0.0));
    DoubleVector goingN = DoubleVector.zero(S).blend(liveN,
        fv.compare(VectorOperators.LE, limit));
    DoubleVector boundedN = DoubleVector.zero(S).blend(goingN,
        DoubleVector.fromArray(S, t, o).compare(VectorOperators.EQ, steps));
    DoubleVector divN = liveN.sub(goingN);
    DoubleVector stepN = goingN.sub(boundedN);
    divN.intoArray(diverging, o);
    boundedN.intoArray(ending, o);
    stepN.intoArray(stepping, o);
    DoubleVector.fromArray(S, prev, o).blend(fv, stepN.compare(VectorOperators.GT, 0.0))
        .intoArray(prev, o);
    return divN.add(boundedN).compare(VectorOperators.GT, 0.0).anyTrue();
  }

  /**
   * Records the lanes of the group at offset o that diverged or reached T (diverging and ending
   * say which: a mask passed here, or turned into bits, would be allocated at every step, as
   * JDK 17 compiles neither to vector code), and refills them; returns the next index.
   */
  private int finish(TrajectoryBatch b, int o, int next, int to, Outcomes out, double limit) {
    for (int lane = o; lane < o + L; lane++) {
      if (diverging[lane] > 0 || ending[lane] > 0) {
        next = retire(b, lane, diverging[lane] > 0, next, to, out, limit);
      }
    }
    return next;
  }

  /**
   * Ends a round of a loop that tests the exact loss (MultiplicativeLoops, arrayRounds): f
   * holds each lane's loss at its iterate, from which it has not stepped yet, or lossStale says
   * the round used all its free steps, so f is computed here. A lane whose loss is past B*n
   * diverged at t; one at T within it stays bounded; both are recorded and refilled, and the
   * others go on from the same iterate next round. Unlike endRound it takes no step, so a
   * round that ends on a divergence does not compute its last loss and gradient twice.
   * Returns the next trajectory index.
   */
  int settle(TrajectoryBatch b, boolean lossStale, int next, int to, Outcomes out) {
    final double limit = b.bound * dim;
    if (lossStale) {
      for (int o = 0; o < W; o += L) {
        lossAndGradient(b.family, o, true);
      }
    }
    for (int o = 0; o < W; o += L) {
      // As laneStates, without a step: 0/1 vectors and arrays, not masks (allocated per round).
      DoubleVector liveN = DoubleVector.zero(S).blend(1.0, DoubleVector.fromArray(S, alive, o)
          .compare(VectorOperators.GT, 0.0));
      DoubleVector withinN = DoubleVector.zero(S).blend(liveN,
          DoubleVector.fromArray(S, f, o).compare(VectorOperators.LE, limit));
      DoubleVector divN = liveN.sub(withinN);
      DoubleVector endN = DoubleVector.zero(S).blend(withinN,
          DoubleVector.fromArray(S, t, o).compare(VectorOperators.EQ, b.steps));
      divN.intoArray(diverging, o);
      endN.intoArray(ending, o);
      if (divN.add(endN).compare(VectorOperators.GT, 0.0).anyTrue()) {
        next = finish(b, o, next, to, out, limit);
      }
    }
    return next;
  }

  /** Records a lane's outcome (diverged at t, or bounded at T) and refills it. */
  private int retire(TrajectoryBatch b, int lane, boolean diverged, int next, int to,
      Outcomes out, double limit) {
    int i = index[lane];
    int ti = (int) t[lane];
    out.divergent[i] = diverged;
    out.divergeStep[i] = ti;
    if (diverged) {
      out.speed[i] = 1 + ScalarKernel.crossingTime(ti, f[lane], prev[lane], limit);
    } else {
      out.speed[i] = moved[lane] > 0 ? movedTime[lane] / moved[lane] : 0;
    }
    return load(b, lane, next, to);
  }

  /**
   * Runs every live lane to its end on the lane arrays, without masks: any family, any
   * dimension, coordinates that differ (the runs no register loop covers: three or more
   * coordinates that differ). As in the register loops, the separable families test the bound
   * of their loss, not the loss, so no cosine is taken, and a round ends with endRound (which
   * needs the previous iterate, px); the multiplicative family tests its exact loss, and a
   * round ends with settle (which needs the previous loss, prev). Returns the next trajectory
   * index.
   */
  int arrayRounds(TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * dim);
    final boolean exact = b.family == Family.MULTIPLICATIVE;
    // Equal coordinates take the register loops, which compute coordinate 0 only.
    assert !equal;
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      int i = 0;
      for (; i < free; i++) {
        if (exact) {
          multiplicativeBothGroups();
        } else {
          for (int o = 0; o < W; o += L) {
            lossAndGradient(b.family, o, false);
          }
        }
        boolean within = DoubleVector.fromArray(S, f, 0).compare(VectorOperators.LE, limit)
            .and(DoubleVector.fromArray(S, f, L).compare(VectorOperators.LE, limit)).allTrue();
        if (!within) {
          break;
        }
        for (int o = 0; o < W; o += L) {
          DoubleVector tv = DoubleVector.fromArray(S, t, o);
          if (exact) {
            DoubleVector.fromArray(S, f, o).intoArray(prev, o);
          }
          DoubleVector change = DoubleVector.zero(S);
          for (int d = 0; d < dim; d++) {
            DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
            DoubleVector sv = DoubleVector.fromArray(S, eta[d], o)
                .mul(DoubleVector.fromArray(S, g[d], o));
            if (!exact) {
              xv.intoArray(px[d], o);
            }
            xv.sub(sv).intoArray(x[d], o);
            change = change.max(sv.mul(xv.mul(2.0).sub(sv)).abs());
          }
          DoubleVector.fromArray(S, moved, o).add(change).intoArray(moved, o);
          DoubleVector.fromArray(S, movedTime, o).add(change.mul(tv)).intoArray(movedTime, o);
          tv.add(1.0).intoArray(t, o);
        }
      }
      next = exact ? settle(b, i == free, next, to, out) : endRound(b, i > 0, next, to, out);
    }
  }

  /** Loads trajectory `next` into a lane (or idles it past `to`); returns the next index. */
  private int load(TrajectoryBatch b, int lane, int next, int to) {
    if (next >= to) {
      index[lane] = -1;
      alive[lane] = 0;
      for (int d = 0; d < dim; d++) {
        x[d][lane] = 0;
        eta[d][lane] = 0;
      }
      eps[lane] = 0;
      k[lane] = 1;
      eps2[lane] = 0;
      k2[lane] = 1;
      resetOptimizer(lane, 0, 0, 0, 1);
      return next;
    }
    index[lane] = next;
    alive[lane] = 1;
    for (int d = 0; d < dim; d++) {
      x[d][lane] = b.x0[next * dim + d];
      eta[d][lane] = b.eta[next * dim + d];
    }
    resetOptimizer(lane, b.beta[next], b.beta1[next], b.beta2[next], b.adamEps[next]);
    eps[lane] = b.eps[next];
    k[lane] = Landscape.TWO_PI / b.lambda[next];
    eps2[lane] = b.eps2[next];
    k2[lane] = Landscape.TWO_PI / b.lambda2[next];
    t[lane] = 0;
    prev[lane] = 0;
    moved[lane] = 0;
    movedTime[lane] = 0;
    return next + 1;
  }

  /** A lane's optimizer at the start of a run: these parameters, zero moments, t = 0. */
  private void resetOptimizer(int lane, double b, double b1, double b2, double e) {
    for (int d = 0; d < dim; d++) {
      v[d][lane] = 0;
      s[d][lane] = 0;
    }
    beta[lane] = b;
    beta1[lane] = b1;
    beta2[lane] = b2;
    adamEps[lane] = e;
    p1[lane] = 1;
    p2[lane] = 1;
  }

  /**
   * Runs every live lane to its end one masked {@link #optimizerStep} at a time: any family and
   * dimension, any optimizer (the runs MomentumLoops does not cover, Adam's among them). Batched
   * and allocation-free, not register-resident. Returns the next trajectory index.
   */
  int optimizerRounds(TrajectoryBatch b, int next, int to, Outcomes out) {
    while (freeSteps(b.steps) >= 0) {
      next = optimizerStep(b, next, to, out);
    }
    return next;
  }

  /**
   * {@link #generalStep} for momentum, Nesterov and Adam: the loss at the iterate decides
   * divergence, the gradient is taken where the optimizer says, and each coordinate steps by
   * the optimizer's rule, in {@link dev.brink.optimizer.OptimizerState}'s operations lane by
   * lane. The moments are updated on every lane: a lane that does not step ends here and is
   * refilled (which resets them) or is idle.
   */
  int optimizerStep(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double limit = b.bound * dim;
    final boolean nesterov = b.optimizer == Optimizer.NESTEROV;
    final boolean adam = b.optimizer == Optimizer.ADAM;
    final int coordinates = equal ? 1 : dim;
    for (int o = 0; o < W; o += L) {
      lossAndGradient(b.family, o, true);
      if (nesterov) {
        // The gradient at the look-ahead point: y in px, swapped in; the loss at x kept.
        System.arraycopy(f, o, fx, o, L);
        DoubleVector bv = DoubleVector.fromArray(S, beta, o);
        for (int d = 0; d < coordinates; d++) {
          DoubleVector.fromArray(S, x[d], o).sub(DoubleVector.fromArray(S, eta[d], o)
              .mul(bv.mul(DoubleVector.fromArray(S, v[d], o)))).intoArray(px[d], o);
        }
        swapIterates();
        lossAndGradient(b.family, o, false);
        swapIterates();
        System.arraycopy(fx, o, f, o, L);
      }
      DoubleVector tv = DoubleVector.fromArray(S, t, o);
      boolean ends = laneStates(o, limit, b.steps);
      VectorMask<Double> step = DoubleVector.fromArray(S, stepping, o)
          .compare(VectorOperators.GT, 0.0);
      DoubleVector bv = DoubleVector.fromArray(S, beta, o);
      DoubleVector b1 = DoubleVector.fromArray(S, beta1, o);
      DoubleVector b2 = DoubleVector.fromArray(S, beta2, o);
      DoubleVector q1 = DoubleVector.fromArray(S, p1, o).mul(b1);
      DoubleVector q2 = DoubleVector.fromArray(S, p2, o).mul(b2);
      if (adam) {
        q1.intoArray(p1, o);
        q2.intoArray(p2, o);
      }
      DoubleVector change = DoubleVector.zero(S);
      for (int d = 0; d < coordinates; d++) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        DoubleVector gv = DoubleVector.fromArray(S, g[d], o);
        DoubleVector ev = DoubleVector.fromArray(S, eta[d], o);
        if (adam) {
          DoubleVector m = b1.mul(DoubleVector.fromArray(S, v[d], o))
              .add(b1.neg().add(1.0).mul(gv));
          DoubleVector sq = b2.mul(DoubleVector.fromArray(S, s[d], o))
              .add(b2.neg().add(1.0).mul(gv.mul(gv)));
          m.intoArray(v[d], o);
          sq.intoArray(s[d], o);
          DoubleVector mhat = m.div(q1.neg().add(1.0));
          DoubleVector shat = sq.div(q2.neg().add(1.0));
          ev.mul(mhat.div(shat.sqrt().add(DoubleVector.fromArray(S, adamEps, o))))
              .intoArray(update, o);
        } else {
          DoubleVector vv = bv.mul(DoubleVector.fromArray(S, v[d], o)).add(gv);
          vv.intoArray(v[d], o);
          ev.mul(vv).intoArray(update, o);
        }
        // Through the array, not a variable set in both branches: a vector merged after a
        // branch is boxed, one allocation per step (KernelAllocationTest).
        DoubleVector sv = DoubleVector.fromArray(S, update, o);
        xv.sub(sv, step).intoArray(x[d], o);
        change = change.max(sv.mul(xv.mul(2.0).sub(sv)).abs());
      }
      DoubleVector.fromArray(S, moved, o).add(change, step).intoArray(moved, o);
      DoubleVector.fromArray(S, movedTime, o).add(change.mul(tv), step).intoArray(movedTime, o);
      tv.add(1.0, step).intoArray(t, o);
      if (ends) {
        next = finish(b, o, next, to, out, limit);
      }
    }
    if (equal) {
      copyCoordinate0(x);
      copyCoordinate0(v);
      copyCoordinate0(s);
    }
    return next;
  }

  /**
   * f of the lanes at offset o into f, their gradients into g; the formulas of
   * {@link ScalarKernel#lossAndGradient}, coordinate by coordinate. With exact false, a
   * separable family (quadratic, additive, twocos) writes to f, instead of the loss, its bound
   * sum_i ((x_i^2 + |eps|) + |eps2|) (see mayCross) and takes no cosine. Each family writes
   * its results to the arrays itself: the JIT keeps vectors in registers only where control
   * flow does not merge them, and a server runs every family in one JVM (vectors merged after
   * a branch on the family were boxed, several times slower).
   */
  private void lossAndGradient(Family family, int o, boolean exact) {
    // One method per family: each is compiled with its sines and cosines inlined, which the
    // JIT stops doing in a method past a node count.
    switch (family) {
      case MULTIPLICATIVE:
        multiplicativeLoss(o);
        return;
      case TWOCOS:
        twoWaveLoss(o, exact);
        return;
      default:
        rippleLoss(family, o, exact);
    }
  }

  private void multiplicativeLoss(int o) {
    DoubleVector kv = DoubleVector.fromArray(S, k, o);
    DoubleVector.zero(S).intoArray(f, o);
    // Not a sum over coordinates: the cosines of all coordinates scale every term.
    DoubleVector sq = DoubleVector.zero(S);
    DoubleVector cos = DoubleVector.zero(S);
    for (int d = 0; d < dim; d++) {
      if (computes(d)) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        xv.mul(xv).intoArray(term, o);
        // The sine parked in g[d], the cosine in wave: one reduction for both.
        kv.mul(xv).intoArray(g[d], o);
        VectorTrig.sinCos(g[d], wave, o, o + L);
      }
      sq = sq.add(DoubleVector.fromArray(S, term, o));
      cos = cos.add(DoubleVector.fromArray(S, wave, o));
    }
    DoubleVector ev = DoubleVector.fromArray(S, eps, o);
    DoubleVector scale = ev.mul(cos).add(1.0);
    sq.mul(scale).intoArray(f, o);
    // The gradient's factors through arrays, not vectors live across the loop: there the JIT,
    // out of inlining budget, calls computes, and a vector kept across a call was boxed (48
    // bytes a call, after some orders of compilation: KernelAllocationTest).
    scale.intoArray(wave, o);
    ev.mul(kv).mul(sq).intoArray(term, o);
    for (int d = 0; d < dim; d++) {
      if (computes(d)) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        xv.mul(2.0).mul(DoubleVector.fromArray(S, wave, o))
            .sub(DoubleVector.fromArray(S, term, o).mul(DoubleVector.fromArray(S, g[d], o)))
            .intoArray(g[d], o);
      }
    }
  }

  private void twoWaveLoss(int o, boolean exact) {
    DoubleVector ev = DoubleVector.fromArray(S, eps, o);
    DoubleVector kv = DoubleVector.fromArray(S, k, o);
    DoubleVector ekv = ev.mul(kv);
    DoubleVector.zero(S).intoArray(f, o);
    DoubleVector e2v = DoubleVector.fromArray(S, eps2, o);
    DoubleVector k2v = DoubleVector.fromArray(S, k2, o);
    DoubleVector ek2v = e2v.mul(k2v);
    for (int d = 0; d < dim; d++) {
      if (computes(d)) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        DoubleVector kx = kv.mul(xv);
        DoubleVector k2x = k2v.mul(xv);
        // The sines first, as in rippleLoss.
        kx.intoArray(wave, o);
        k2x.intoArray(wave2, o);
        VectorTrig.sin(wave, o, o + L);
        VectorTrig.sin(wave2, o, o + L);
        xv.mul(2.0).sub(ekv.mul(DoubleVector.fromArray(S, wave, o)))
            .sub(ek2v.mul(DoubleVector.fromArray(S, wave2, o)))
            .intoArray(g[d], o);
        if (exact) {
          kx.intoArray(wave, o);
          k2x.intoArray(wave2, o);
          VectorTrig.cos(wave, o, o + L);
          VectorTrig.cos(wave2, o, o + L);
          xv.mul(xv).add(ev.mul(DoubleVector.fromArray(S, wave, o)))
              .add(e2v.mul(DoubleVector.fromArray(S, wave2, o)))
              .intoArray(term, o);
        } else {
          xv.mul(xv).add(ev.abs()).add(e2v.abs()).intoArray(term, o);
        }
      }
      DoubleVector.fromArray(S, f, o).add(DoubleVector.fromArray(S, term, o)).intoArray(f, o);
    }
  }

  private void rippleLoss(Family family, int o, boolean exact) {
    DoubleVector ev = DoubleVector.fromArray(S, eps, o);
    DoubleVector kv = DoubleVector.fromArray(S, k, o);
    DoubleVector.zero(S).intoArray(f, o);
    // Quadratic and additive: x^2 + a cos kx and 2x - a k sin kx, a = eps or 0; the bound
    // adds |eps| for both (still a bound for the quadratic: eps is >= 0 and unused).
    DoubleVector av = ev.mul(family == Family.ADDITIVE ? 1 : 0);
    DoubleVector akv = av.mul(kv);
    for (int d = 0; d < dim; d++) {
      if (computes(d)) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        DoubleVector kx = kv.mul(xv);
        // The sine first: the JIT inlines the first calls it meets, and arrayRounds runs
        // only this one.
        kx.intoArray(wave, o);
        VectorTrig.sin(wave, o, o + L);
        xv.mul(2.0).sub(akv.mul(DoubleVector.fromArray(S, wave, o))).intoArray(g[d], o);
        if (exact) {
          kx.intoArray(wave, o);
          VectorTrig.cos(wave, o, o + L);
          xv.mul(xv).add(av.mul(DoubleVector.fromArray(S, wave, o))).intoArray(term, o);
        } else {
          xv.mul(xv).add(ev.abs()).add(DoubleVector.fromArray(S, eps2, o).abs())
              .intoArray(term, o);
        }
      }
      DoubleVector.fromArray(S, f, o).add(DoubleVector.fromArray(S, term, o)).intoArray(f, o);
    }
  }

  /**
   * The multiplicative family's loss into f and gradient into g, as lossAndGradient computes
   * them for coordinates that differ, for both lane groups at once (two independent chains)
   * and with each coordinate's sine and cosine taken in one pass (the sine parked in g).
   */
  private void multiplicativeBothGroups() {
    DoubleVector ka = DoubleVector.fromArray(S, k, 0);
    DoubleVector kb = DoubleVector.fromArray(S, k, L);
    DoubleVector sqa = DoubleVector.zero(S);
    DoubleVector sqb = DoubleVector.zero(S);
    DoubleVector cosa = DoubleVector.zero(S);
    DoubleVector cosb = DoubleVector.zero(S);
    for (int d = 0; d < dim; d++) {
      DoubleVector xa = DoubleVector.fromArray(S, x[d], 0);
      DoubleVector xb = DoubleVector.fromArray(S, x[d], L);
      DoubleVector kxa = ka.mul(xa);
      DoubleVector kxb = kb.mul(xb);
      sqa = sqa.add(xa.mul(xa));
      sqb = sqb.add(xb.mul(xb));
      kxa.intoArray(g[d], 0);
      kxb.intoArray(g[d], L);
      VectorTrig.sinCos(g[d], wave, 0, W);
      cosa = cosa.add(DoubleVector.fromArray(S, wave, 0));
      cosb = cosb.add(DoubleVector.fromArray(S, wave, L));
    }
    DoubleVector ea = DoubleVector.fromArray(S, eps, 0);
    DoubleVector eb = DoubleVector.fromArray(S, eps, L);
    DoubleVector scalea = ea.mul(cosa).add(1.0);
    DoubleVector scaleb = eb.mul(cosb).add(1.0);
    DoubleVector eksa = ea.mul(ka).mul(sqa);
    DoubleVector eksb = eb.mul(kb).mul(sqb);
    for (int d = 0; d < dim; d++) {
      DoubleVector.fromArray(S, x[d], 0).mul(2.0).mul(scalea)
          .sub(eksa.mul(DoubleVector.fromArray(S, g[d], 0))).intoArray(g[d], 0);
      DoubleVector.fromArray(S, x[d], L).mul(2.0).mul(scaleb)
          .sub(eksb.mul(DoubleVector.fromArray(S, g[d], L))).intoArray(g[d], L);
    }
    sqa.mul(scalea).intoArray(f, 0);
    sqb.mul(scaleb).intoArray(f, L);
  }

  /**
   * Whether coordinate d's terms are computed; with equal coordinates only coordinate 0's are
   * (and only g[0] is written), and the others reuse them (same operations on the same values),
   * still summed one by one.
   */
  private boolean computes(int d) {
    return d == 0 || !equal;
  }

  /**
   * Ends a round of a fast loop of the separable families (or MomentumLoops' Nesterov loop of
   * the multiplicative one), which left the iterate in x and the previous one in px
   * (coordinate 0 standing for all when equal): sets prev to the exact loss of the previous
   * iterate where a lane may diverge on the general step that follows (its crossing time needs
   * it; where none may, the general step sets prev itself), then takes that step.
   */
  int endRound(TrajectoryBatch b, boolean stepped, int next, int to, Outcomes out) {
    if (equal) {
      copyCoordinate0(x);
      copyCoordinate0(px);
    }
    // The multiplicative family (Nesterov's loop) has no such cheap test: always.
    if (stepped && (b.family == Family.MULTIPLICATIVE || mayCross(b))) {
      swapIterates();
      for (int o = 0; o < W; o += L) {
        lossAndGradient(b.family, o, true);
      }
      System.arraycopy(f, 0, prev, 0, W);
      swapIterates();
    }
    if (b.optimizer != Optimizer.GD) {
      if (equal) {
        copyCoordinate0(v);
      }
      return optimizerStep(b, next, to, out);
    }
    return generalStep(b, next, to, out);
  }

  private void swapIterates() {
    double[][] previous = px;
    px = x;
    x = previous;
  }

  /**
   * Whether some lane's loss may exceed B*n at x: sum_i ((x_i^2 + |eps|) + |eps2|) is a bound
   * for every separable family, in floating point too (each operation of the loss's own sum is
   * monotonic and each term only grew).
   */
  private boolean mayCross(TrajectoryBatch b) {
    double limit = b.bound * dim;
    for (int lane = 0; lane < W; lane++) {
      double bound = 0;
      for (int d = 0; d < dim; d++) {
        double xd = x[d][lane];
        bound += xd * xd + Math.abs(eps[lane]) + Math.abs(eps2[lane]);
      }
      if (!(bound <= limit)) {
        return true;
      }
    }
    return false;
  }

  /** Copies coordinate 0 of every lane to the other coordinates. */
  void copyCoordinate0(double[][] iterate) {
    for (int d = 1; d < dim; d++) {
      System.arraycopy(iterate[0], 0, iterate[d], 0, W);
    }
  }
}
