-- Catalogue schema (STANDARDS §4, §5). Portable across H2 (PostgreSQL mode) and PostgreSQL.
-- Versions are timestamps so that migrations from different modules order globally.

CREATE TABLE department (
    code        VARCHAR(18)  PRIMARY KEY,          -- unified social credit code, GB 32100-2015
    name        VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200),
    region      VARCHAR(12),
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE exchange_system (
    id              VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    department_code VARCHAR(18)  NOT NULL REFERENCES department (code),
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('DEPARTMENT_SYSTEM', 'WINDOW_APP')),
    created_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- A system is known by the SHA-256 of each client certificate registered to it (mutual TLS identity).
CREATE TABLE system_certificate (
    sha256        CHAR(64)     PRIMARY KEY,
    system_id     VARCHAR(64)  NOT NULL REFERENCES exchange_system (id),
    subject       VARCHAR(500) NOT NULL,
    not_after     TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE INDEX system_certificate_system ON system_certificate (system_id);

CREATE TABLE resource (
    code                VARCHAR(64)  PRIMARY KEY,
    version             INTEGER      NOT NULL,
    name                VARCHAR(200) NOT NULL,
    provider_code       VARCHAR(18)  NOT NULL REFERENCES department (code),
    provider_system     VARCHAR(64)  REFERENCES exchange_system (id),
    classification      VARCHAR(20)  NOT NULL CHECK (classification IN ('BASE', 'THEMATIC', 'DEPARTMENTAL')),
    classification_code VARCHAR(32),
    abstract_text       VARCHAR(4000),
    format              VARCHAR(32),
    subject_type        VARCHAR(40),
    sharing_type        VARCHAR(20)  NOT NULL CHECK (sharing_type IN ('UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED')),
    sharing_condition   VARCHAR(2000),
    sharing_basis       VARCHAR(2000),
    sharing_method      VARCHAR(20)  NOT NULL,
    open_to_public      BOOLEAN      DEFAULT FALSE NOT NULL,
    update_cycle        VARCHAR(20),
    publish_date        DATE,
    endpoint_path       VARCHAR(300),
    -- 国发〔2016〕51号: conditional or not-shared classification needs a stated basis
    CONSTRAINT resource_basis CHECK (sharing_type = 'UNCONDITIONAL' OR sharing_basis IS NOT NULL)
);
CREATE INDEX resource_provider ON resource (provider_code);
CREATE INDEX resource_sharing ON resource (sharing_type);

CREATE TABLE information_item (
    resource_code VARCHAR(64)  NOT NULL REFERENCES resource (code),
    position      INTEGER      NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    label         VARCHAR(200),
    data_type     VARCHAR(16)  NOT NULL,
    length        INTEGER,
    required      BOOLEAN      NOT NULL,
    sensitive     BOOLEAN      NOT NULL,
    masking       VARCHAR(20),
    PRIMARY KEY (resource_code, name)
);

CREATE TABLE service_item (
    code            VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    name_en         VARCHAR(200),
    department_code VARCHAR(18)  NOT NULL REFERENCES department (code),
    item_type       VARCHAR(40)
);

-- 保留证明事项清单: the proofs a service item may still demand, and how each is satisfied without paper.
CREATE TABLE retained_proof (
    service_item_code              VARCHAR(64)  NOT NULL REFERENCES service_item (code),
    code                           VARCHAR(64)  NOT NULL,
    position                       INTEGER      NOT NULL,
    name                           VARCHAR(200) NOT NULL,
    use_text                       VARCHAR(1000),
    legal_basis                    VARCHAR(1000),
    article                        VARCHAR(1000),
    demanding_unit                 VARCHAR(200),
    issuing_unit                   VARCHAR(200),
    level                          VARCHAR(20),
    notify_commit_allowed          BOOLEAN      NOT NULL,
    notify_commit_exclusion_reason VARCHAR(1000),
    satisfied_by                   VARCHAR(20)  NOT NULL CHECK (satisfied_by IN ('DATA_PULL', 'E_LICENCE', 'NOTIFY_COMMIT', 'PAPER')),
    resource_code                  VARCHAR(64)  REFERENCES resource (code),
    licence_type_code              VARCHAR(64),
    paper_reason                   VARCHAR(1000),
    PRIMARY KEY (service_item_code, code)
);

CREATE TABLE proof_field_mapping (
    service_item_code VARCHAR(64) NOT NULL,
    proof_code        VARCHAR(64) NOT NULL,
    proof_field       VARCHAR(64) NOT NULL,
    item_name         VARCHAR(64) NOT NULL,
    PRIMARY KEY (service_item_code, proof_code, proof_field),
    FOREIGN KEY (service_item_code, proof_code) REFERENCES retained_proof (service_item_code, code)
);
