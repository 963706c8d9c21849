package dev.brink.descent;

/**
 * Picks the GD kernel: {@link VectorKernel} when the JVM has jdk.incubator.vector (bin/brink
 * adds it for every command unless BRINK_KERNEL=scalar), else {@link ScalarKernel};
 * -Dbrink.kernel=scalar forces the scalar one. Both give the same bits (Trig, VectorTrig).
 */
final class Kernels {
  private static final boolean SIMD = !"scalar".equals(System.getProperty("brink.kernel"))
      && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private Kernels() {
  }

  static String name() {
    return SIMD ? "simd" : "scalar";
  }

  /** A kernel for one thread and this batch: it may keep a workspace between chunks. */
  static ChunkKernel create(TrajectoryBatch batch) {
    if (batch.network != null) {
      return NetworkChunks.create(batch, SIMD);
    }
    return SIMD ? simd(batch.dim) : scalar(batch.dim);
  }

  static ChunkKernel scalar(int dim) {
    double[] work = new double[ScalarKernel.workSize(dim)];
    return (batch, from, to, out, cancel) -> ScalarKernel.run(batch, from, to, out, work);
  }

  /** Kept apart so that VectorKernel is loaded only when the module is there. */
  static ChunkKernel simd(int dim) {
    VectorKernel kernel = new VectorKernel(dim);
    return (batch, from, to, out, cancel) -> kernel.run(batch, from, to, out);
  }
}
