package cn.tongban.server.config;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.audit.JdbcAccessLog;
import cn.tongban.server.verification.VerificationAdmission;

/**
 * Health of the parts the server cannot work without, beyond the database and the access log's integrity:
 * {@code accessLogWriter} is DOWN once the access log's writer thread has died (every pull, verification and
 * administrative action waits for its entry, so none could be answered); {@code verification} shows the admission
 * control's slots and memory in use and the work still running past its timeout (UP: a busy verifier refuses with
 * 503, it does not take the server down). The demo's simulated departments have their own indicator
 * ({@code cn.tongban.server.demo.SimulatedDepartmentsHealth}).
 */
@Configuration(proxyBeanMethods = false)
public class ComponentHealthConfig {

    @Bean
    HealthIndicator accessLogWriterHealthIndicator(JdbcAccessLog log) {
        return () -> log.writerAlive()
                ? Health.up().build()
                : Health.down()
                        .withDetail("reason", "the access log's writer thread has stopped; restart the node")
                        .build();
    }

    @Bean
    HealthIndicator verificationHealthIndicator(VerificationAdmission admission) {
        return () -> Health.up()
                .withDetail("slots", admission.slots())
                .withDetail("running", admission.running())
                .withDetail("overdue", admission.overdue())
                .withDetail("memoryInUseMiB", admission.memoryInUseMiB())
                .build();
    }
}
