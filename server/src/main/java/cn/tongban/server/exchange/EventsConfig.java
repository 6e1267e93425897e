package cn.tongban.server.exchange;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.exchange.events.Backoff;
import cn.tongban.exchange.events.EventRoutes;
import cn.tongban.exchange.events.EventStore;
import cn.tongban.exchange.events.WebhookDelivery;

/** Subscriptions and at-least-once webhook delivery: the store, the sender, and the timer route on this node. */
@Configuration(proxyBeanMethods = false)
public class EventsConfig {

    @Bean
    @DependsOnDatabaseInitialization
    EventStore eventStore(DataSource dataSource, Clock clock, ExchangeProperties props) {
        return new EventStore(dataSource, clock, props.webhooks().allowHttp());
    }

    @Bean
    WebhookDelivery webhookDelivery(EventStore store, ExchangeProperties props, Clock clock) {
        ExchangeProperties.Webhooks w = props.webhooks();
        return new WebhookDelivery(store, new Backoff(w.initialBackoff(), w.maxBackoff(), w.maxAttempts()),
                w.timeout(), w.timeout(), clock);
    }

    @Bean
    SmartLifecycle eventRoutesStarter(CamelContext camel, WebhookDelivery delivery, ExchangeProperties props) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                try {
                    camel.addRoutes(new EventRoutes(delivery, props.webhooks().poll().toMillis(), 50));
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
