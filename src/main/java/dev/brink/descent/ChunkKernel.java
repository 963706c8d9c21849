package dev.brink.descent;

/**
 * Runs trajectories from..to-1 of a batch into the same slots of the outcomes. A kernel whose
 * chunk can take long (a large network) checks cancel as it goes and throws
 * CancellationException; the others finish their chunk, milliseconds.
 */
@FunctionalInterface
interface ChunkKernel {
  void run(TrajectoryBatch batch, int from, int to, Outcomes out, Cancellation cancel);
}
