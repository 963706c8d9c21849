package dev.brink.server.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.metrics.BrinkMeters;
import dev.brink.params.GdConfig;
import dev.brink.plane.LevelTile;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.ViewPlan;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.protocol.FrameCodec;
import dev.brink.server.cluster.RemoteJobs;

/**
 * The points of live views' tiles, for every viewer: from a cache bounded by bytes, or computed
 * on the {@link ComputePool}. The cache holds blocks of {@value ViewPlan#TILE} x
 * {@value ViewPlan#TILE} points of a level's grid (aligned to the grid, so a pan or a zoom that
 * asks for part of a block finds the points it shares with earlier views), each with the points
 * computed so far; a tile computes only the points its block lacks. Viewers asking for the same
 * tile at once share one computation, which stops only when every one of them has cancelled.
 */
public final class TileService {
  /** A block of a level's grid of one plane; its points depend on nothing else. */
  record BlockKey(GdConfig config, Axis x, Axis y, long gridWidth, long gridHeight,
      boolean refine, long blockColumn, long blockRow) {
  }

  /** A tile and whether all of it came from the cache. */
  record Hit(LevelTile tile, float[] values, boolean cached, long gdSteps, double seconds) {
  }

  /** Points of a block computed so far: frame values, known where the bit is set. Immutable. */
  record Block(float[] values, BitSet known) {
  }

  /**
   * One computation shared by the viewers of the same tile; when the last one leaves it is
   * cancelled, taken out of the compute queue if it has not started, and forgotten at once.
   */
  private static final class InFlight implements Cancellation {
    final CompletableFuture<Hit> result = new CompletableFuture<>();
    private int subscribers;
    private volatile boolean cancelled;
    /** Stops the computation; set when it starts. */
    private Runnable stop = () -> { };

    synchronized boolean join() {
      if (cancelled) {
        return false;
      }
      subscribers++;
      return true;
    }

    void leave() {
      Runnable toRun = null;
      synchronized (this) {
        if (--subscribers == 0 && !result.isDone()) {
          cancelled = true;
          toRun = stop;
        }
      }
      if (toRun != null) {
        toRun.run();
      }
    }

    synchronized void onStop(Runnable r) {
      stop = r;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  /** A tile's identity: its block and the crop of it. */
  private record TileKey(BlockKey block, long column0, long row0, int width, int height) {
  }

  private static final int T = ViewPlan.TILE;

  private final ComputePool pool;
  private final BrinkMeters meters;
  private final Cache<BlockKey, Block> cache;
  private final ConcurrentHashMap<TileKey, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong computed = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();

  public TileService(ComputePool pool, long maxBytes, BrinkMeters meters) {
    this.pool = pool;
    this.meters = meters;
    this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
        .weigher((BlockKey k, Block b) -> 4 * T * T + T * T / 8 + 128).build();
  }

  /** Tiles computed so far, wholly or in part (cache hits and shared computations not counted). */
  public long computed() {
    return computed.get();
  }

  public long cacheHits() {
    return cacheHits.get();
  }

  /** Computations under way (shared by their viewers), for tests and health. */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * A tile's values in its order, from the cache or computed (here, or on a worker node of a
   * cluster, which rebuilds the plane from its params as the viewer sent them); disposing gives
   * up this viewer's interest.
   */
  public Single<Hit> tile(LevelTile tile, String params) {
    return Single.defer(() -> {
      BlockKey block = key(tile);
      Block cached = cache.getIfPresent(block);
      BitSet missing = missing(tile, cached);
      if (missing.isEmpty()) {
        cacheHits.incrementAndGet();
        meters.tileCached();
        return Single.just(new Hit(tile, read(tile, cached), true, 0, 0));
      }
      TileKey key = new TileKey(block, tile.crop().column0(), tile.crop().row0(),
          tile.crop().width(), tile.crop().height());
      return Single.<Hit>create(emitter -> {
        boolean[] mine = {false};
        InFlight shared = inFlight.compute(key, (k, existing) -> {
          if (existing != null && existing.join()) {
            return existing;
          }
          InFlight fresh = new InFlight();
          fresh.join();
          mine[0] = true;
          return fresh;
        });
        emitter.setCancellable(shared::leave);
        if (mine[0]) {
          // Another computation of the tile may have ended since the cache was read: it puts
          // its points in the cache before it leaves the in-flight map.
          Block now = cache.getIfPresent(block);
          BitSet stillMissing = now == cached ? missing : missing(tile, now);
          if (stillMissing.isEmpty()) {
            inFlight.remove(key, shared);
            cacheHits.incrementAndGet();
            meters.tileCached();
            shared.result.complete(new Hit(tile, read(tile, now), true, 0, 0));
          } else {
            start(tile, key, stillMissing, now, shared, params);
          }
        }
        shared.result.whenComplete((hit, error) -> {
          if (error != null) {
            emitter.tryOnError(error);
          } else {
            emitter.onSuccess(hit);
          }
        });
      });
    });
  }

  /** Computes the missing points; snapshot is the block they were missing from (or null). */
  private void start(LevelTile tile, TileKey key, BitSet missing, Block snapshot,
      InFlight shared, String params) {
    long start = System.nanoTime();
    BitSet wanted = missing.cardinality() == tile.count() ? null : missing;
    // Disposed not by a viewer but through InFlight, when its last viewer leaves.
    Disposable work = pool.single(ComputePool.Priority.INTERACTIVE, poolCancel -> tile.compute(
            wanted, GdRunner.ON_CALLER, () -> shared.isCancelled() || poolCancel.isCancelled()),
            RemoteJobs.levelTile(params, tile, wanted))
        .subscribe(outcomes -> {
          double seconds = (System.nanoTime() - start) / 1e9;
          int n = missing.cardinality();
          computed.incrementAndGet();
          meters.tileComputed(seconds);
          meters.computed(tile.crop().config().family(), outcomes, n);
          // The snapshot too: the block may have been evicted meanwhile, and the tile's other
          // points come from it.
          Block merged = cache.asMap().compute(key.block(),
              (k, old) -> merge(tile, union(old, snapshot), missing, outcomes));
          inFlight.remove(key, shared);
          shared.result.complete(new Hit(tile, read(tile, merged), false, outcomes.gdSteps(n),
              seconds));
        }, error -> {
          if (error instanceof CancellationException) {
            meters.tileCancelled();
          }
          inFlight.remove(key, shared);
          shared.result.completeExceptionally(error);
        });
    shared.onStop(() -> {
      work.dispose();
      meters.tileCancelled();
      inFlight.remove(key, shared);
      shared.result.completeExceptionally(new CancellationException("every viewer left"));
    });
  }

  private static BlockKey key(LevelTile tile) {
    PlaneSpec c = tile.crop();
    return new BlockKey(c.config(), c.x(), c.y(), c.gridWidth(), c.gridHeight(), tile.refine(),
        c.column0() / T, c.row0() / T);
  }

  /** The point numbers of the tile that the block does not hold yet. */
  private static BitSet missing(LevelTile tile, Block block) {
    BitSet missing = new BitSet(tile.count());
    tile.forEach((k, column, row) -> {
      if (block == null || !block.known().get(local(column, row))) {
        missing.set(k);
      }
    });
    return missing;
  }

  /** The block with the tile's computed points (the set bits of computed, in order) added. */
  private static Block merge(LevelTile tile, Block old, BitSet computed, Outcomes outcomes) {
    float[] values = old == null ? new float[T * T] : old.values().clone();
    Family family = tile.crop().config().family();
    BitSet known = old == null ? new BitSet(T * T) : (BitSet) old.known().clone();
    int[] slot = {0};
    tile.forEach((k, column, row) -> {
      if (computed.get(k)) {
        int p = local(column, row);
        values[p] = FrameCodec.value(family, outcomes, slot[0]++);
        known.set(p);
      }
    });
    return new Block(values, known);
  }

  /** Every point either block holds (either may be null). */
  private static Block union(Block a, Block b) {
    if (a == null || b == null || a == b) {
      return a == null ? b : a;
    }
    float[] values = a.values().clone();
    BitSet known = (BitSet) a.known().clone();
    for (int p = b.known().nextSetBit(0); p >= 0; p = b.known().nextSetBit(p + 1)) {
      values[p] = b.values()[p];
      known.set(p);
    }
    return new Block(values, known);
  }

  private static float[] read(LevelTile tile, Block block) {
    float[] out = new float[tile.count()];
    tile.forEach((k, column, row) -> out[k] = block.values()[local(column, row)]);
    return out;
  }

  /** A grid point's place in its block. */
  private static int local(long column, long row) {
    return (int) (row % T) * T + (int) (column % T);
  }
}
