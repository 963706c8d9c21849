package dev.brink.server;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A Vert.x instance that has joined the brink cluster, and its node id there. */
record ClusteredVertx(Vertx vertx, HazelcastClusterManager manager) {
  /** Where vertx-hazelcast keeps a member's Vert.x node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  /** Joins; the builder carries the options and metrics, this adds the cluster. */
  static ClusteredVertx join(ClusterSettings settings, VertxOptions options, VertxBuilder builder)
      throws Exception {
    options.getEventBusOptions().setHost(settings.host()).setPort(0);
    HazelcastClusterManager manager = new HazelcastClusterManager(settings.hazelcast());
    Vertx vertx = builder.with(options).withClusterManager(manager).buildClustered()
        .await(120, TimeUnit.SECONDS);
    return new ClusteredVertx(vertx, manager);
  }

  String nodeId() {
    return manager.getNodeId();
  }

  /**
   * Calls back with the node id of every node that leaves (Hazelcast's view of membership;
   * Vert.x keeps its own node listener for itself).
   */
  void onNodeLeft(Consumer<String> left) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        // Workers announce themselves on the event bus once they are ready.
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        // Vert.x's node id is a member attribute, not Hazelcast's member id.
        String node = e.getMember().getAttribute(VERTX_NODE_ID);
        if (node != null) {
          left.accept(node);
        }
      }
    });
  }
}
