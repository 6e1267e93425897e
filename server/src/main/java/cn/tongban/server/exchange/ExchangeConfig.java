package cn.tongban.server.exchange;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hazelcast.core.HazelcastInstance;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.audit.JdbcAccessLog;
import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.exchange.AccessJournal;
import cn.tongban.exchange.AuditJournal;
import cn.tongban.exchange.AuthorisationSource;
import cn.tongban.exchange.CatalogueCache;
import cn.tongban.exchange.ExchangePolicy;
import cn.tongban.exchange.HazelcastQuotaGuard;
import cn.tongban.exchange.ProviderEndpoint;
import cn.tongban.exchange.PullRoutes;
import cn.tongban.exchange.PullService;
import cn.tongban.exchange.QuotaGuard;
import cn.tongban.exchange.QuotaLimit;
import cn.tongban.exchange.SharingPolicy;
import cn.tongban.server.audit.AuditService;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.demo.SimulatedDepartments;
import cn.tongban.server.web.CorrelationIdFilter;

/**
 * Wires the pull path of {@code exchange-routes} into the server: catalogue lookup, the sharing policy over the
 * catalogue's authorisations, quotas counted in the cluster's Hazelcast, the access journal on the
 * tamper-evident log, and one provider route per configured provider system (plus the demo's simulated
 * departments, whose ports are known only once they have started).
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeConfig.class);

    @Bean
    ExchangePolicy exchangePolicy(AuthorisationSource authorisations) {
        return new SharingPolicy(authorisations);
    }

    /**
     * The pull path's cache of catalogue reads and authorisation decisions, dropped on every member when the
     * catalogue's change log records a committed change (see {@link CatalogueCache}).
     */
    @Bean
    CatalogueCache catalogueCache(
            HazelcastInstance hazelcast,
            ResourceRepository resources,
            Authorisations authorisations,
            ChangeLog changes,
            ExchangeProperties props,
            Clock clock) {
        CatalogueCache cache = new CatalogueCache(
                hazelcast, resources::find, authorisations::held, props.cache().ttl(), clock);
        changes.addListener(cache::changed);
        return cache;
    }

    /**
     * The catalogue's authorisations as the exchange decides on them: every authorisation of the consumer for the
     * resource, whatever its state, from {@link Authorisations#held} (one query, exactly those rows, no cap) through
     * the cache; the decision reads state and validity at the instant of each pull, so expiry is exact.
     */
    @Bean
    AuthorisationSource authorisationSource(CatalogueCache cache) {
        return cache.authorisations();
    }

    @Bean
    QuotaGuard quotaGuard(HazelcastInstance hazelcast, ExchangeProperties props, Clock clock) {
        Map<String, QuotaLimit> perSystem = new ConcurrentHashMap<>();
        props.quotas().forEach((id, q) -> perSystem.put(id, new QuotaLimit(q.perMinutePerResource(), q.perDay())));
        QuotaLimit fallback = new QuotaLimit(
                props.quota().perMinutePerResource(), props.quota().perDay());
        return new HazelcastQuotaGuard(hazelcast, id -> perSystem.getOrDefault(id, fallback), clock);
    }

    @Bean
    AccessJournal accessJournal(
            JdbcAccessLog log, AuditService audit, TongbanProperties tongban, DepartmentRepository departments) {
        Map<String, String> departmentOf = new ConcurrentHashMap<>();
        return new AuditJournal(
                log,
                audit::subjectKey,
                tongban.node(),
                () -> MDC.get(CorrelationIdFilter.MDC_KEY),
                system -> departmentOf.computeIfAbsent(
                        system,
                        id -> departments.departmentsWithSystems().values().stream()
                                .flatMap(List::stream)
                                .filter(s -> s.id().equals(id))
                                .map(ExchangeSystem::departmentCode)
                                .findFirst()
                                .orElse("")));
    }

    @Bean
    PullService pullService(CamelContext camel) {
        return new PullService(camel.createProducerTemplate());
    }

    @Bean
    cn.tongban.exchange.SlowPullLog slowPullLog(ExchangeProperties props) {
        return new cn.tongban.exchange.SlowPullLog(props.slowPull());
    }

    /** Adds the pull routes once the provider endpoints are known (after the simulated departments started). */
    @Bean
    SmartLifecycle pullRoutesStarter(
            CamelContext camel,
            CatalogueCache cache,
            ExchangePolicy policy,
            AccessJournal journal,
            QuotaGuard quotas,
            ExchangeProperties props,
            Clock clock,
            TongbanProperties tongban,
            ObjectProvider<SimulatedDepartments> simulated) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                List<ProviderEndpoint> endpoints = new ArrayList<>();
                props.providers().forEach((id, p) -> {
                    ProviderEndpoint e = ProviderEndpoint.of(id, p.baseUri())
                            .withTimeouts(p.connectTimeout(), p.readTimeout())
                            .withBulkhead(p.maxConcurrentCalls(), Duration.ofMillis(100))
                            .withCircuitBreaker(20, 10, 50f, p.openFor());
                    if (p.mutualTls()) {
                        e = e.withClientTls(
                                ProviderTls.context(new PkiLayout(tongban.pki().dir()), props.clientIdentity(), p, id));
                    }
                    endpoints.add(e);
                });
                SimulatedDepartments demo = simulated.getIfAvailable();
                if (demo != null) {
                    demo.baseUrls().forEach((id, url) -> {
                        if (!props.providers().containsKey(id)) {
                            endpoints.add(ProviderEndpoint.of(id, java.net.URI.create(url)));
                        }
                    });
                }
                try {
                    camel.addRoutes(new PullRoutes(cache.resources(), policy, endpoints, journal, quotas, clock));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the pull routes", e);
                }
                LOG.info(
                        "exchange: pull routes for {} provider system(s): {}",
                        endpoints.size(),
                        endpoints.stream()
                                .map(e -> e.systemId() + (e.clientTls() != null ? " (mutual TLS)" : ""))
                                .toList());
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after the simulated departments, before the web server takes requests
                return SimulatedDepartments.PHASE + 1;
            }
        };
    }
}
