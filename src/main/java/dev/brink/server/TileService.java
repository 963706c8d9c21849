package dev.brink.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.metrics.BrinkMeters;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.Tile;
import dev.brink.plane.TileAddress;
import dev.brink.plane.TilePyramid;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tiles for every viewer: from a cache bounded by bytes, keyed by the plane's configuration and
 * the tile address, or computed on the {@link ComputePool}. Viewers asking for the same tile at
 * once share one computation, which stops only when every one of them has cancelled.
 */
public final class TileService {
  /** Cache key: equal configurations and addresses give equal tiles. */
  record Key(PlaneSpec root, TileAddress address) {
  }

  /** A tile and whether it came from the cache. */
  record Hit(Tile tile, boolean cached) {
  }

  /** One computation shared by its subscribers; cancelled when the last one leaves. */
  private static final class InFlight implements Cancellation {
    final CompletableFuture<Tile> result = new CompletableFuture<>();
    private int subscribers;
    private volatile boolean cancelled;

    synchronized boolean join() {
      if (cancelled) {
        return false;
      }
      subscribers++;
      return true;
    }

    synchronized void leave() {
      if (--subscribers == 0 && !result.isDone()) {
        cancelled = true;
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  private static final GdRunner ON_CALLER = new GdRunner(1);

  private final ComputePool pool;
  private final BrinkMeters meters;
  private final Cache<Key, Tile> cache;
  private final ConcurrentHashMap<Key, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong computed = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();

  public TileService(ComputePool pool, long maxBytes, BrinkMeters meters) {
    this.pool = pool;
    this.meters = meters;
    this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
        .weigher((Key k, Tile t) -> bytes(t)).build();
  }

  /** Tiles computed so far (cache hits and shared computations not counted). */
  public long computed() {
    return computed.get();
  }

  public long cacheHits() {
    return cacheHits.get();
  }

  /**
   * The tile at an address, cached or computed (here, or on a worker node of a cluster, which
   * rebuilds the plane from its params as the viewer sent them); disposing gives up this
   * viewer's interest.
   */
  public Single<Hit> tile(TilePyramid pyramid, TileAddress address, String params) {
    return Single.defer(() -> {
      Key key = new Key(pyramid.root(), address);
      Tile cached = cache.getIfPresent(key);
      if (cached != null) {
        cacheHits.incrementAndGet();
        meters.tileCached();
        return Single.just(new Hit(cached, true));
      }
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
          start(pyramid, key, shared, params);
        }
        shared.result.whenComplete((tile, error) -> {
          if (error != null) {
            emitter.tryOnError(error);
          } else {
            emitter.onSuccess(new Hit(tile, false));
          }
        });
      });
    });
  }

  private void start(TilePyramid pyramid, Key key, InFlight shared, String params) {
    // Not disposed by a viewer: the shared computation ends by itself, cancelled through
    // InFlight when its last viewer leaves.
    pool.single(ComputePool.Priority.INTERACTIVE, poolCancel -> pyramid.compute(key.address(),
            ON_CALLER, () -> shared.isCancelled() || poolCancel.isCancelled()),
            RemoteJobs.tile(params, pyramid, key.address()))
        .subscribe(tile -> {
          computed.incrementAndGet();
          meters.tileComputed(tile.seconds());
          meters.computed(pyramid.root().config().family(), tile.outcomes(),
              tile.size() * tile.size());
          cache.put(key, tile);
          inFlight.remove(key, shared);
          shared.result.complete(tile);
        }, error -> {
          if (error instanceof java.util.concurrent.CancellationException) {
            meters.tileCancelled();
          }
          inFlight.remove(key, shared);
          shared.result.completeExceptionally(error);
        });
  }

  private static int bytes(Tile t) {
    int n = t.size() * t.size();
    return n * (1 + 4 + 8) + 256;
  }
}
