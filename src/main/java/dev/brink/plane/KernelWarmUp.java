package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Small planes that run every loop of the GD kernel, for a server to compute when it starts: a
 * JIT compiles a loop only after running it for a while, and until then the SIMD kernel is
 * interpreted, hundreds of times slower (a new server's first view took seconds for its first
 * tile). Each plane is 16 x 16 runs, a fraction of a second even interpreted, so a viewer's
 * tile never waits long behind one.
 */
public final class KernelWarmUp {
  private KernelWarmUp() {
  }

  /** The planes, in an order that reaches every loop early. */
  public static List<PlaneSpec> planes() {
    List<PlaneSpec> loops = List.of(
        plane(GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(5.0), "eta:0.85:1.1",
            "eps:0:0.3"),
        plane(GdConfig.builder(Family.MULTIPLICATIVE).lambda(0.1).x0(1.0), "eta:0:1.5",
            "eps:0:0.3"),
        plane(GdConfig.builder(Family.TWOCOS).eps2(0.01).lambda2(0.5).lambda(0.3), "eta:0:1.5",
            "eps:0:0.1"),
        plane(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1).x0(0.5), "eta1:0:1.5",
            "eta2:0:1.5"),
        plane(GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).x0(0.5),
            "eta1:0:1.5", "eta2:0:1.5"),
        plane(GdConfig.builder(Family.QUADRATIC), "eta:0:1.5", "x0:-2:2"),
        // A small network: the network kernel's methods, whatever the shape.
        PlaneSpec.of(GdConfig.builder(Family.MLP).inputs(4).hidden(8).points(9).steps(20),
            Axis.parse("x", "eta0:0.1:1000:log"), Axis.parse("y", "eta1:0.1:1000:log"), 16, 16));
    List<PlaneSpec> planes = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      planes.addAll(loops);
    }
    return planes;
  }

  private static PlaneSpec plane(GdConfig.Builder fixed, String x, String y) {
    return PlaneSpec.of(fixed.steps(300), Axis.parse("x", x), Axis.parse("y", y), 16, 16);
  }

  /** Runs one of them. */
  public static void run(PlaneSpec plane, GdRunner runner, Cancellation cancel) {
    PlaneExperiment.run(plane, runner, cancel);
  }
}
