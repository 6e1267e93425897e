package cn.tongban.exchange.events;

import org.apache.camel.builder.RouteBuilder;

/** A timer route that runs {@link WebhookDelivery#deliverDue} every {@code periodMillis} on this node. */
public final class EventRoutes extends RouteBuilder {

    private final WebhookDelivery delivery;
    private final long periodMillis;
    private final int batch;

    public EventRoutes(WebhookDelivery delivery, long periodMillis, int batch) {
        this.delivery = delivery;
        this.periodMillis = periodMillis;
        this.batch = batch;
    }

    @Override
    public void configure() {
        from("timer:tongban-event-delivery?fixedRate=false&period=" + periodMillis)
                .routeId("tongban-event-delivery")
                .process(e -> e.getMessage().setBody(delivery.deliverDue(batch)));
    }
}
