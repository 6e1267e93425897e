package cn.tongban.server.audit;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import cn.tongban.audit.AuditResult;
import cn.tongban.audit.JdbcAccessLog;
import cn.tongban.audit.LegacyRows;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * Wires the access log: the group-commit writer (after adopting rows from before the Merkle log, once), the
 * tree-head signing key and subject-key secret from the PKI directory, and the health check.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfig {

    private static final Logger LOG = LoggerFactory.getLogger(AuditConfig.class);

    @Bean(destroyMethod = "close")
    @Primary
    @DependsOnDatabaseInitialization
    JdbcAccessLog jdbcAccessLog(DataSource dataSource, Clock clock, AuditProperties props) {
        int adopted = LegacyRows.adopt(dataSource);
        if (adopted > 0) {
            LOG.warn("adopted {} access-log rows written before the Merkle log as its first leaves", adopted);
        }
        return new JdbcAccessLog(dataSource, clock, props.maxBatch());
    }

    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    AuditService auditService(
            DataSource dataSource,
            Clock clock,
            AuditProperties props,
            TongbanProperties tongban,
            JdbcAccessLog writerFirst)
            throws IOException {
        KeyPair key = AuditKeys.signingKey(tongban.pki().dir(), KeyAlgorithm.valueOf(props.signingAlgorithm()));
        byte[] secret =
                AuditKeys.subjectSecret(props.subjectKey(), tongban.pki().dir());
        return new AuditService(dataSource, key, secret, clock, props);
    }

    /**
     * The threads exports stream on ({@code tongban.audit.export-threads}, default 4); more exports wait their
     * turn in the queue. Shut down with the context: a running export is interrupted, which cuts its response off.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService auditExportExecutor(AuditProperties props) {
        // unconfigurable: not a ThreadPoolExecutor bean, so it is never injected as the verification executor
        return Executors.unconfigurableExecutorService(new ThreadPoolExecutor(
                props.exportThreads(), props.exportThreads(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "access-log-export");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** {@code accessLog} health: DOWN when a row was edited or deleted (incremental check, see AuditService). */
    @Bean
    HealthIndicator accessLogHealthIndicator(AuditService audit) {
        return () -> {
            AuditResult r = audit.check();
            Health.Builder b = r.intact() ? Health.up() : Health.down();
            b.withDetail("status", r.status().name()).withDetail("checked", r.checked());
            if (!r.intact()) {
                b.withDetail("firstSequence", r.firstSequence()).withDetail("reason", r.reason());
            }
            return b.build();
        };
    }
}
