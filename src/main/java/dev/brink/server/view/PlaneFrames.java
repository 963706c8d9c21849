package dev.brink.server.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.fractal.BitImage;
import dev.brink.fractal.BoxCount2D;
import dev.brink.fractal.MedianSlopeDimension;
import dev.brink.plane.ViewMosaic;
import dev.brink.plane.ViewPlan;
import java.util.ArrayList;
import java.util.List;
import dev.brink.server.protocol.Messages;
import dev.brink.server.protocol.Frame;
import dev.brink.server.protocol.FrameCodec;

/**
 * One plane view's frames, tile by tile as the tiles arrive (a level's tiles may come before
 * the coarser level's last ones): each tile's binary frame; once a level and every coarser one
 * are complete, the level's "level" message and the boundary's box-counting dimension at its
 * resolution, which on levels of a million points or more also comes every quarter of the
 * level; then "done". Called on one thread at a time.
 */
public final class PlaneFrames {
  /** Levels with at least this many points on each side get the boundary's dimension. */
  static final int DIMENSION_MIN_SIDE = 256;

  private final int view;
  private final ViewPlan plan;
  private final long startNanos = System.nanoTime();
  /** Every level's points, for the dimension (two bits per point of the finest level); made
   * at the first tile, so that a view cancelled at once costs nothing. */
  private ViewMosaic mosaic;
  /** Tiles arrived per level. */
  private final int[] arrived;
  /** Levels complete with every coarser one, announced. */
  private int complete;
  private int tiles;
  private int cached;
  private long gdSteps;

  PlaneFrames(int view, ViewPlan plan) {
    this.view = view;
    this.plan = plan;
    this.arrived = new int[plan.levels().size()];
  }

  /** The frames a tile brings: its own, then those of the levels it completes. */
  List<Frame> frames(TileService.Hit hit) {
    List<Frame> frames = new ArrayList<>(3);
    frames.add(Frame.tile(FrameCodec.tile(view, hit.tile(), hit.values(), hit.cached())));
    tiles++;
    if (hit.cached()) {
      cached++;
    } else {
      gdSteps += hit.gdSteps();
    }
    int l = hit.tile().level();
    ViewPlan.Level level = plan.levels().get(l);
    arrived[l]++;
    if (measured(plan.finest())) {
      if (mosaic == null) {
        mosaic = new ViewMosaic(plan);
      }
      boolean[] divergent = new boolean[hit.values().length];
      for (int k = 0; k < divergent.length; k++) {
        divergent[k] = hit.values()[k] > 0;
      }
      mosaic.add(hit.tile(), divergent);
    }
    int quarter = Math.max(1, level.tiles() / 4);
    if (l == complete && measured(level) && level.samples() >= 1_000_000
        && arrived[l] % quarter == 0 && arrived[l] < level.tiles()) {
      frames.add(Frame.text(dimension(level).toString()));
    }
    while (complete < arrived.length
        && arrived[complete] == plan.levels().get(complete).tiles()) {
      ViewPlan.Level done = plan.levels().get(complete);
      if (measured(done)) {
        frames.add(Frame.text(dimension(done).toString()));
      }
      ObjectNode o = Messages.message("level", view);
      o.put("kind", "plane");
      o.put("level", done.level());
      o.put("tiles", done.tiles());
      o.put("points", done.samples());
      o.put("seconds", seconds());
      frames.add(Frame.text(o.toString()));
      complete++;
    }
    return frames;
  }

  /** The view's "done" message. */
  Frame done(String kernel) {
    ObjectNode o = Messages.message("done", view);
    o.put("kind", "plane");
    o.put("tiles", tiles);
    o.put("cached", cached);
    o.put("points", plan.samples());
    o.put("gd_steps", gdSteps);
    o.put("seconds", seconds());
    o.put("kernel", kernel);
    return Frame.text(o.toString());
  }

  private boolean measured(ViewPlan.Level l) {
    ViewPlan.Level finest = plan.finest();
    long across = (finest.column1() - finest.column0()) / l.stride();
    long up = (finest.row1() - finest.row0()) / l.stride();
    return across >= DIMENSION_MIN_SIDE && up >= DIMENSION_MIN_SIDE;
  }

  private ObjectNode dimension(ViewPlan.Level l) {
    BitImage image = mosaic.level(l.level());
    BoxCount2D.Result r = BoxCount2D.measure(image);
    ObjectNode o = Messages.message("dimension", view);
    o.put("level", l.level());
    o.put("dimension", r.dimension());
    o.put("dimension_se", r.fit().standardError());
    o.put("sizes_used", r.fit().points());
    o.put("tiles", arrived[l.level()]);
    o.put("width", image.width());
    o.put("height", image.height());
    ArrayNode counts = o.putArray("counts");
    for (long c : r.counts()) {
      counts.add(c);
    }
    MedianSlopeDimension.Result m = MedianSlopeDimension.measure(image);
    if (Double.isNaN(m.median())) {
      o.putNull("median_slope_dimension");
    } else {
      o.put("median_slope_dimension", m.median());
    }
    ArrayNode sizes = o.putArray("median_slope_sizes");
    for (int s : m.sizes()) {
      sizes.add(s);
    }
    ArrayNode boxes = o.putArray("median_slope_counts");
    for (long c : m.counts()) {
      boxes.add(c);
    }
    return o;
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
