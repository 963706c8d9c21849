package dev.brink.server.protocol;

import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.server.config.ServerLimits;

/** The server's limits applied to a request; each refusal names the limit and its option. */
public final class Limits {
  private final ServerLimits config;

  public Limits(ServerLimits config) {
    this.config = config;
  }

  public void check(GdConfig c) {
    if (c.steps() > config.maxSteps()) {
      throw RefusedException.limit("steps", "at most " + config.maxSteps()
          + " steps per run on this server (limit --max-steps), got " + c.steps());
    }
  }

  public void check(LineSpec line) {
    check(line.config());
    if (line.levels() > config.maxLevels()) {
      throw RefusedException.limit("levels", "at most " + config.maxLevels()
          + " levels on this server (limit --max-levels), got " + line.levels());
    }
  }

  /** Values a trajectory returns: (steps + 1) * dim numbers at most. */
  static final long MAX_TRAJECTORY_VALUES = 1_000_000;

  public void checkTrajectory(GdConfig c) {
    check(c);
    long values = (c.steps() + 1L) * c.dim();
    if (values > MAX_TRAJECTORY_VALUES) {
      throw RefusedException.limit("steps", "a trajectory returns at most "
          + MAX_TRAJECTORY_VALUES + " values, (steps + 1) * dim; got " + values);
    }
  }

  /**
   * Points x steps a plane view's finest level may take (limit --max-view-work, or
   * --max-network-view-work for family mlp).
   */
  public long maxViewWork(Family family) {
    return family.isNetwork() ? config.maxNetworkViewWork() : config.maxViewWork();
  }

  /** The option that sets {@link #maxViewWork}. */
  public static String viewWorkOption(Family family) {
    return family.isNetwork() ? "--max-network-view-work" : "--max-view-work";
  }

  /**
   * A zoom's frame is computed whole, like a view's finest level: its points x steps (a
   * network's weighed by their cost) within the same limit.
   */
  public void checkZoomFrame(dev.brink.plane.PlaneSpec frame) {
    GdConfig c = frame.config();
    check(c);
    double cost = c.network() == null ? 1 : c.network().relativeCost();
    double work = (double) frame.width() * frame.height() * c.steps() * cost;
    if (work > maxViewWork(c.family())) {
      throw RefusedException.limit("size", "a zoom's frame takes at most "
          + maxViewWork(c.family()) + " points x steps on this server (limit "
          + viewWorkOption(c.family()) + "), got " + (long) work + ": a smaller size or fewer"
          + " steps");
    }
  }

  public void checkRestPixels(long pixels) {
    if (pixels > config.maxRestPixels()) {
      throw RefusedException.limit("width", "at most " + config.maxRestPixels()
          + " pixels per /api/plane request (limit --max-rest-pixels), got " + pixels);
    }
  }
}
