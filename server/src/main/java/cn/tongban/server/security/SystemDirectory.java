package cn.tongban.server.security;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import cn.tongban.catalog.DepartmentRepository;

/**
 * Registered systems by certificate fingerprint, cached cluster-wide in Hazelcast for a short time so that a
 * node does not query the database on every request; unregistered fingerprints are not cached.
 */
public class SystemDirectory {

    public static final String MAP = "tongban.system-identities";
    private static final long TTL_SECONDS = 60;

    private final DepartmentRepository departments;
    private final IMap<String, SystemPrincipal> cache;

    public SystemDirectory(DepartmentRepository departments, HazelcastInstance hazelcast) {
        this.departments = departments;
        this.cache = hazelcast.getMap(MAP);
    }

    public Optional<SystemPrincipal> bySha256(String sha256) {
        SystemPrincipal cached = cache.get(sha256);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SystemPrincipal> found = departments.findByCertificate(sha256).map(SystemPrincipal::of);
        found.ifPresent(p -> cache.set(sha256, p, TTL_SECONDS, TimeUnit.SECONDS));
        return found;
    }

    /** Drops cached identities, e.g. after a certificate is unregistered. */
    public void evictAll() {
        cache.evictAll();
    }
}
