package cn.tongban.server.exchange;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.catalog.Resource;
import cn.tongban.exchange.CatalogueCache;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.ExchangePolicy;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.events.EventStore;
import cn.tongban.exchange.files.DatasetStore;
import cn.tongban.exchange.files.ImportReport;
import cn.tongban.exchange.files.InboxRoutes;

/**
 * Dataset files: the version store, the announcement of each accepted version to the entitled subscribers (a
 * {@code dataset.version} event through the subscription outbox), and the inbox route on this node.
 */
@Configuration(proxyBeanMethods = false)
public class DatasetsConfig {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetsConfig.class);

    /** Event type of an accepted dataset version. */
    public static final String EVENT = "dataset.version";

    @Bean
    DatasetStore datasetStore(ExchangeProperties props) {
        ExchangeProperties.Datasets d = props.datasets();
        return new DatasetStore(
                d.dir(),
                new DatasetStore.Limits(
                        d.maxReportedRows(),
                        d.maxErrorLogSize().toBytes(),
                        d.maxStoredSize().toBytes()));
    }

    /** Announces an accepted version; the number of deliveries queued. */
    @FunctionalInterface
    public interface DatasetAnnouncer {
        int announce(Resource resource, ImportReport report);
    }

    @Bean
    DatasetAnnouncer datasetAnnouncer(
            EventStore events, ExchangePolicy policy, ObjectMapper mapper, java.time.Clock clock) {
        return (resource, report) -> {
            String payload;
            try {
                payload = mapper.writeValueAsString(Map.of(
                        "resourceCode",
                        resource.code(),
                        "version",
                        report.version(),
                        "rows",
                        report.goodRows(),
                        "sha256",
                        report.sha256()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            // each subscriber still entitled to the resource (as for a pull) gets the event
            return events.publish(resource.code(), resource.providerSystem(), EVENT, payload, sub -> {
                        try {
                            policy.authorise(
                                    new PullRequest(
                                            sub.consumerSystem(),
                                            resource.code(),
                                            null,
                                            sub.purpose(),
                                            sub.serviceItem(),
                                            null,
                                            Set.of()),
                                    resource,
                                    clock.instant());
                            return true;
                        } catch (ExchangeException notEntitled) {
                            return false;
                        }
                    })
                    .deliveries();
        };
    }

    /** The inbox folder route, when enabled: {@code <inbox>/<provider system>/<resource code>/<file>}. */
    @Bean
    SmartLifecycle inboxRoutesStarter(
            CamelContext camel,
            DatasetStore store,
            CatalogueCache cache,
            DatasetAnnouncer announcer,
            ExchangeProperties props) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                ExchangeProperties.Datasets d = props.datasets();
                if (d.inboxEnabled()) {
                    Function<String, java.util.Optional<Resource>> catalogue = cache.resources();
                    try {
                        camel.addRoutes(new InboxRoutes(
                                d.inbox(),
                                store,
                                code -> catalogue.apply(code).filter(r -> "FILE".equals(r.sharingMethod())),
                                (r, report) -> {
                                    int n = announcer.announce(r, report);
                                    LOG.info(
                                            "dataset inbox: {} version {} stored ({} rows), announced to {}",
                                            r.code(),
                                            report.version(),
                                            report.goodRows(),
                                            n);
                                },
                                d.inboxPoll().toMillis()));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start the dataset inbox route", e);
                    }
                    LOG.info("dataset inbox: watching {}", d.inbox().toAbsolutePath());
                }
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
        };
    }
}
