package dev.brink.descent;

import dev.brink.network.NetworkData;
import dev.brink.network.NetworkKernel;
import dev.brink.network.NetworkReference;
import dev.brink.optimizer.Optimizer;

/**
 * Family mlp's chunks: each training of the batch by the SIMD {@link NetworkKernel}, groups of
 * its lanes at a time, or by {@link NetworkReference} without the Vector API; the same bits
 * either way. Outcomes: divergent = not trainable, divergeStep = the steps after which the
 * result was known, speed = the magnitude of the convergence measure (docs/science.md).
 */
final class NetworkChunks {
  private NetworkChunks() {
  }

  static ChunkKernel create(TrajectoryBatch batch, boolean simd) {
    NetworkData data = NetworkData.draw(batch.network, batch.steps);
    return simd ? simd(data, batch.optimizer) : reference(data);
  }

  private static ChunkKernel reference(NetworkData data) {
    return (b, from, to, out, cancel) -> {
      for (int i = from; i < to; i++) {
        NetworkReference.Run r = NetworkReference.train(data, b.eta[2 * i], b.eta[2 * i + 1],
            b.offset[i], b.optimizer(i), b.steps, false, cancel::isCancelled);
        out.set(i, !r.trainable(), r.known(), Math.abs(r.value()));
      }
    };
  }

  /** Kept apart so that NetworkKernel is loaded only when the module is there. */
  private static ChunkKernel simd(NetworkData data, Optimizer optimizer) {
    NetworkKernel kernel = new NetworkKernel(data, optimizer);
    int size = GdRunner.NETWORK_CHUNK;
    double[] eta0 = new double[size];
    double[] eta1 = new double[size];
    double[] offset = new double[size];
    double[][] params = optimizer == Optimizer.GD ? null : new double[4][size];
    boolean[] trainable = new boolean[size];
    double[] value = new double[size];
    int[] known = new int[size];
    return (b, from, to, out, cancel) -> {
      int count = to - from;
      for (int k = 0; k < count; k++) {
        eta0[k] = b.eta[2 * (from + k)];
        eta1[k] = b.eta[2 * (from + k) + 1];
        offset[k] = b.offset[from + k];
        if (params != null) {
          params[0][k] = b.beta[from + k];
          params[1][k] = b.beta1[from + k];
          params[2][k] = b.beta2[from + k];
          params[3][k] = b.adamEps[from + k];
        }
      }
      kernel.runAll(eta0, eta1, offset, params, count, b.steps, trainable, value, known,
          cancel::isCancelled);
      for (int k = 0; k < count; k++) {
        out.set(from + k, !trainable[k], known[k], Math.abs(value[k]));
      }
    };
  }
}
