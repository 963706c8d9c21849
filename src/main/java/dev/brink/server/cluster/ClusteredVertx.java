package dev.brink.server.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import dev.brink.server.config.ClusterSettings;

/** A Vert.x instance that has joined the brink cluster, and its node id there. */
public record ClusteredVertx(Vertx vertx, HazelcastClusterManager manager) {
  /** Where vertx-hazelcast keeps a member's Vert.x node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  /** Joins; the builder carries the options and metrics, this adds the cluster. */
  public static ClusteredVertx join(ClusterSettings settings, VertxOptions options,
      VertxBuilder builder) throws Exception {
    options.getEventBusOptions().setHost(settings.host()).setPort(0);
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
    Vertx vertx = builder.with(options).withClusterManager(manager).buildClustered()
        .await(120, TimeUnit.SECONDS);
    return new ClusteredVertx(vertx, manager);
  }

  /** The Hazelcast configuration: Vert.x's defaults with the settings' membership. */
  static Config hazelcast(ClusterSettings settings) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName("brink");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.local.localAddress", settings.host());
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.failureSeconds()));
    c.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(true);
    JoinConfig join = c.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    return c;
  }

  public String nodeId() {
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
