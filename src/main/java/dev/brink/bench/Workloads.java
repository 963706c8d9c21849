package dev.brink.bench;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.network.NetworkSpec;
import dev.brink.optimizer.Optimizer;
import dev.brink.line.RandomStart;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.util.List;

/**
 * brink's standard workloads: the paper's Fig. 2a line (additive, eps 0.2, lambda 0.1, x0 1,
 * T 1000, bound 1e8, 2^20 + 1 learning rates in [0, 1.5]), the same with the multiplicative
 * family, both in 4 dimensions (x0 0.25), a twocos line (Fig. 4a's wavelengths),
 * the 512 x 512 eta-eps transition plane, a 512 x 512 plane of per-coordinate learning rates
 * (eta1, eta2: 2-D runs whose coordinates differ), and, on request, the 4-D additive line
 * with every coordinate's start drawn from U(-0.5, 0.5) (runs whose coordinates all differ),
 * the eta1 x eta2 plane of the twocos line's loss, the explorer's default plane as a live view
 * on a 1920 x 1080 canvas received over a WebSocket (view-1080p, {@link StreamingBenchmark})
 * and the same points computed alone (plane-1080p), and Sohl-Dickstein's overview plane of the
 * mlp family ([-3, 6] x [-3, 6] in log10 of eta0 and eta1, tanh, 16 x 16 with 272 points, T 100,
 * seed 0) at 128 x 128 (mlp-plane-128), and the Fig. 2a line with momentum, Nesterov
 * (beta 0.9) and Adam (its defaults), and the 512 x 512 eta x beta plane of heavy ball on the
 * same loss (eta in [0, 2], beta in [0, 0.95], x0 1): compare each with line-additive and
 * plane-512 for what the optimizer costs. A warm-up runs the same code on a smaller size.
 */
public final class Workloads {
  public static final List<String> STANDARD = List.of("line-additive", "line-multiplicative",
      "line-additive-dim4", "line-multiplicative-dim4", "line-twocos", "plane-512",
      "plane-eta12-512");
  public static final List<String> ALL = List.of("line-additive", "line-multiplicative",
      "line-additive-dim4", "line-multiplicative-dim4", "line-twocos", "plane-512",
      "plane-eta12-512", "line-additive-dim4-random", "plane-twocos-eta12-512",
      "view-1080p", "plane-1080p", "mlp-plane-128", "line-additive-momentum",
      "line-additive-nesterov", "line-additive-adam", "plane-eta-beta-512");

  /**
   * One measurement. For view-1080p, coarseSeconds is when the coarse level covered the canvas;
   * else null. For a network, flopsPerStep counts one pixel's GD step (NetworkSpec); else null.
   */
  public record Result(String workload, double seconds, long gdSteps, int threads, String kernel,
      Double coarseSeconds, Long flopsPerStep) {
    public double stepsPerSecond() {
      return gdSteps / seconds;
    }
  }

  private Workloads() {
  }

  /**
   * How long a workload warms up before it is measured: the live view, whose server's whole
   * path (frames, sockets, the tile cache) the JIT compiles as well as the kernel, for 120 s,
   * some forty views: the JIT compiled for 120-1190 ms within each view after a 30 s warm-up,
   * 4-69 ms after 120 s.
   */
  public static double warmUpSeconds(String name) {
    return name.equals("view-1080p") ? 120.0 : 2.0;
  }

  /**
   * One warm-up run: the smaller size, but the live view at its own, as smaller views left the
   * JIT compiling through the first measured ones (4.2 s, 4.0 s, then 2.7-3.1 s).
   */
  public static Result warmUp(String name, int threads) throws Exception {
    return run(name, threads, !name.equals("view-1080p"));
  }

  /**
   * Runs a workload once.
   *
   * @param warmup true for the smaller warm-up size (2^14 + 1 points, 128 x 128 pixels)
   */
  public static Result run(String name, int threads, boolean warmup) throws Exception {
    int levels = warmup ? 14 : 20;
    int side = warmup ? 128 : 512;
    switch (name) {
      case "line-additive":
        return line(name, GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1).build(), levels,
            threads);
      case "line-multiplicative":
        return line(name, GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).build(),
            levels, threads);
      case "line-additive-dim4":
        return line(name, GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1).dim(4)
            .x0(0.25).build(), levels, threads);
      case "line-multiplicative-dim4":
        return line(name, GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).dim(4)
            .x0(0.25).build(), levels, threads);
      case "line-additive-dim4-random":
        return line(name, new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
            .dim(4).build(), levels, 0, 1.5, new RandomStart(1, -0.5, 0.5)), threads);
      case "line-additive-momentum":
      case "line-additive-nesterov":
      case "line-additive-adam":
        return line(name, GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
            .optimizer(Optimizer.byId(name.substring("line-additive-".length()))).build(),
            levels, threads);
      case "plane-eta-beta-512":
        return plane(name, PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
            .optimizer(Optimizer.MOMENTUM), Axis.parse("x", "eta:0:2"),
            Axis.parse("y", "beta:0:0.95"), side, side), threads);
      case "line-twocos":
        return line(name, GdConfig.builder(Family.TWOCOS).eps(0.02).lambda(0.3).eps2(0.01)
            .lambda2(0.5).build(), levels, threads);
      case "plane-512":
        return plane(name, PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(5.0),
            Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), side, side), threads);
      case "plane-eta12-512":
        return plane(name, PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
            .x0(0.5), Axis.parse("x", "eta1:0:1.5"), Axis.parse("y", "eta2:0:1.5"), side, side),
            threads);
      case "plane-twocos-eta12-512":
        return plane(name, PlaneSpec.of(GdConfig.builder(Family.TWOCOS).eps(0.02).lambda(0.3)
            .eps2(0.01).lambda2(0.5).x0(0.5), Axis.parse("x", "eta1:0:1.5"),
            Axis.parse("y", "eta2:0:1.5"), side, side), threads);
      case "view-1080p": {
        StreamingBenchmark.Result r = StreamingBenchmark.measure(warmup ? 480 : 1920,
            warmup ? 270 : 1080, threads);
        return new Result(name, r.viewSeconds(), r.gdSteps(), threads,
            GdRunner.ON_CALLER.kernel(), r.coarseSeconds(), null);
      }
      case "plane-1080p": {
        PlaneResult r = StreamingBenchmark.direct(warmup ? 480 : 1920, warmup ? 270 : 1080,
            threads);
        return new Result(name, r.seconds(), r.gdSteps(), threads, GdRunner.ON_CALLER.kernel(),
            null, null);
      }
      case "mlp-plane-128": {
        int n = warmup ? 32 : 128;
        return plane(name, PlaneSpec.of(GdConfig.builder(Family.MLP),
            Axis.parse("x", "eta0:1e-3:1e6:log"), Axis.parse("y", "eta1:1e-3:1e6:log"), n, n),
            threads);
      }
      default:
        throw new IllegalArgumentException("no workload " + name);
    }
  }

  private static Result line(String name, GdConfig config, int levels, int threads) {
    return line(name, new LineSpec(config, levels, 0, 1.5), threads);
  }

  private static Result line(String name, LineSpec spec, int threads) {
    try (GdRunner runner = new GdRunner(threads)) {
      LineResult r = LineExperiment.run(spec, runner,
          Cancellation.NONE, LineListener.NONE);
      return new Result(name, r.seconds(), r.gdSteps(), threads, runner.kernel(), null, null);
    }
  }

  private static Result plane(String name, PlaneSpec spec, int threads) {
    try (GdRunner runner = new GdRunner(threads)) {
      PlaneResult r = PlaneExperiment.run(spec, runner, Cancellation.NONE);
      NetworkSpec net = spec.config().network();
      return new Result(name, r.seconds(), r.gdSteps(), threads, runner.kernel(), null,
          net == null ? null : net.flopsPerStep());
    }
  }
}
