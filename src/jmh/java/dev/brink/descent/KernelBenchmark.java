package dev.brink.descent;

import dev.brink.landscape.Family;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread of each GD kernel on 4096 runs of the Fig. 2a family (learning rates across
 * [0, 1.5], seeded), per family and dimension. Divide the GD steps executed (printed by the
 * setup) by the time per operation for steps per second; compare kernels within one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
    "-XX:CompileCommand=quiet", "-XX:CompileCommand=inline,dev.brink.descent.VectorTrig::*"})
public class KernelBenchmark {
  @Param({"ADDITIVE", "MULTIPLICATIVE", "TWOCOS"})
  public Family family;

  @Param({"1", "4"})
  public int dim;

  private TrajectoryBatch batch;
  private Outcomes out;
  private double[] work;
  private VectorKernel vector;

  @Setup
  public void setUp() {
    int n = 4096;
    Random random = new Random(234);
    batch = new TrajectoryBatch(family, dim, 1000, 1e8, n);
    for (int i = 0; i < n; i++) {
      batch.set(i, 1.5 * random.nextDouble(), 1.0 / dim, 0.2, 0.1, 0.01, 0.3);
    }
    batch.setCount(n);
    out = new Outcomes(n);
    work = new double[2 * dim];
    vector = new VectorKernel(dim);
    ScalarKernel.run(batch, 0, n, out, work);
    System.out.println("GD steps per operation: " + out.gdSteps(n));
  }

  @Benchmark
  public Outcomes scalar() {
    ScalarKernel.run(batch, 0, batch.count(), out, work);
    return out;
  }

  @Benchmark
  public Outcomes simd() {
    vector.run(batch, 0, batch.count(), out);
    return out;
  }
}
