package dev.brink.descent;

/** Runs trajectories from..to-1 of a batch into the same slots of the outcomes. */
@FunctionalInterface
interface ChunkKernel {
  void run(TrajectoryBatch batch, int from, int to, Outcomes out);
}
