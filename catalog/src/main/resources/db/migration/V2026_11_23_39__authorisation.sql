-- Authorisations (共享申请与授权): a consumer system applies for a resource with purpose, service item, fields and
-- legal basis; unconditional resources are granted on registration, conditional ones wait for an approver of the
-- provider department until a deadline in working days; refusals carry a reason; grants expire and can be revoked.
CREATE TABLE authorisation (
    id              VARCHAR(36)   PRIMARY KEY,
    consumer_system VARCHAR(64)   NOT NULL REFERENCES exchange_system (id),
    resource_code   VARCHAR(64)   NOT NULL REFERENCES resource (code),
    purpose         VARCHAR(200)  NOT NULL,
    service_item    VARCHAR(200),
    fields          VARCHAR(4000) NOT NULL,
    legal_basis     VARCHAR(2000) NOT NULL,
    status          VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED', 'REVOKED')),
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by    VARCHAR(128)  NOT NULL,
    decide_by       DATE,
    decided_at      TIMESTAMP WITH TIME ZONE,
    decided_by      VARCHAR(128),
    reason          VARCHAR(2000),
    valid_from      TIMESTAMP WITH TIME ZONE,
    valid_to        TIMESTAMP WITH TIME ZONE,
    row_version     INTEGER       NOT NULL
);
CREATE INDEX authorisation_lookup ON authorisation (consumer_system, resource_code, status);
CREATE INDEX authorisation_resource ON authorisation (resource_code, status);
