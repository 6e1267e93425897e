package cn.tongban.server.config;

import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NearCacheConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.server.security.SystemDirectory;

/**
 * One embedded Hazelcast member per node. Alone unless {@code tongban.cluster.members} lists peers, in which
 * case the nodes form one cluster over TCP/IP (no multicast: it is rarely allowed in government networks).
 * Spring Boot's Hazelcast auto-configuration starts the instance from this {@link Config}.
 */
@Configuration(proxyBeanMethods = false)
public class HazelcastConfig {

    @Bean
    Config tongbanHazelcastConfig(TongbanProperties props) {
        TongbanProperties.Cluster c = props.cluster();
        Config config = new Config();
        config.setClusterName(c.name());
        // Unique per application context: Spring Boot starts a named instance with getOrCreateHazelcastInstance,
        // so two contexts in one JVM (the integration tests) with the same name would silently share one member,
        // its quota counters and caches, and the first context to close would shut it down under the other.
        config.setInstanceName(
                "tongban-" + props.node() + "-" + UUID.randomUUID().toString().substring(0, 8));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(c.port()).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(c.bindAddress());
        config.setProperty("hazelcast.socket.bind.any", "false");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!c.members().isEmpty()).setMembers(c.members());
        // Every request looks its client certificate up: keep a near cache of the identities on each member
        // (invalidated cluster-wide on change), so the lookup is a local read, not a partition operation. The
        // identities are immutable records, so the near cache keeps them as objects: in the default binary form
        // every request deserialised one (~4% of a request's CPU in the verification and pull profiles).
        config.getMapConfig(SystemDirectory.MAP)
                .setNearCacheConfig(new NearCacheConfig(SystemDirectory.MAP)
                        .setInMemoryFormat(InMemoryFormat.OBJECT)
                        .setInvalidateOnChange(true)
                        .setCacheLocalEntries(true)
                        .setTimeToLiveSeconds(60));
        return config;
    }
}
