-- Subscriptions to resource change events, the events (an outbox written with their deliveries in one
-- transaction), and one delivery row per event and subscription. A delivery is PENDING until the webhook answers
-- 2xx (DELIVERED) or its attempts run out (DEAD: the dead-letter store, redeliverable by an administrator).
CREATE TABLE event_subscription (
    id              VARCHAR(36)   PRIMARY KEY,
    consumer_system VARCHAR(64)   NOT NULL,
    resource_code   VARCHAR(64)   NOT NULL,
    webhook_url     VARCHAR(2048) NOT NULL,
    secret          VARCHAR(128)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT event_subscription_unique UNIQUE (consumer_system, resource_code, webhook_url)
);
CREATE INDEX event_subscription_resource ON event_subscription (resource_code);

CREATE TABLE resource_event (
    id            VARCHAR(36)  PRIMARY KEY,
    resource_code VARCHAR(64)  NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    publisher     VARCHAR(64)  NOT NULL,
    payload       VARCHAR(65536) NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE event_delivery (
    event_id        VARCHAR(36)  NOT NULL REFERENCES resource_event (id),
    subscription_id VARCHAR(36)  NOT NULL REFERENCES event_subscription (id),
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(256),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (event_id, subscription_id)
);
CREATE INDEX event_delivery_due ON event_delivery (status, next_attempt_at);
