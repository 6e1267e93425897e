-- The purpose and service item a subscription was entitled for: each event is delivered only while the consumer
-- is still entitled to the resource for that purpose (conditional resources need a current authorisation).
ALTER TABLE event_subscription ADD COLUMN purpose VARCHAR(200);
ALTER TABLE event_subscription ADD COLUMN service_item VARCHAR(200);
