package cn.tongban.server.exchange;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.exchange.events.Backoff;
import cn.tongban.exchange.events.EventRoutes;
import cn.tongban.exchange.events.EventStore;
import cn.tongban.exchange.events.WebhookDelivery;
import cn.tongban.exchange.events.WebhookDestinations;

/** Subscriptions and at-least-once webhook delivery: the store, the sender, and the timer route on this node. */
@Configuration(proxyBeanMethods = false)
public class EventsConfig {

    /** Public destinations plus the configured allow-lists; this host's own addresses are refused. */
    @Bean
    WebhookDestinations webhookDestinations(ExchangeProperties props) {
        return new WebhookDestinations(
                props.webhooks().allowedDestinations(),
                props.webhooks().systemAllowedDestinations(),
                ownAddresses(),
                InetAddress::getAllByName);
    }

    @Bean
    @DependsOnDatabaseInitialization
    EventStore eventStore(
            DataSource dataSource, Clock clock, ExchangeProperties props, WebhookDestinations destinations) {
        return new EventStore(dataSource, clock, props.webhooks().allowHttp(), destinations);
    }

    @Bean
    WebhookDelivery webhookDelivery(
            EventStore store, ExchangeProperties props, Clock clock, WebhookDestinations destinations) {
        ExchangeProperties.Webhooks w = props.webhooks();
        return new WebhookDelivery(
                store,
                new Backoff(w.initialBackoff(), w.maxBackoff(), w.maxAttempts()),
                w.timeout(),
                w.timeout(),
                clock,
                destinations);
    }

    /** Every address of this host's interfaces (a webhook pointing at the platform itself is refused). */
    static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(n.getInetAddresses()).stream()
                        .map(EventsConfig::withoutScope)
                        .toList());
            }
        } catch (SocketException e) {
            LoggerFactory.getLogger(EventsConfig.class).warn("cannot list this host's addresses: {}", e.toString());
        }
        return own;
    }

    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            return a;
        }
    }

    @Bean
    SmartLifecycle eventRoutesStarter(CamelContext camel, WebhookDelivery delivery, ExchangeProperties props) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                try {
                    camel.addRoutes(
                            new EventRoutes(delivery, props.webhooks().poll().toMillis(), 50));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the event delivery route", e);
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
