-- Idempotency records: the first answer to a POST carrying an Idempotency-Key, kept durably so that a
-- retry (also after a commit whose acknowledgement was lost) gets the same answer.
CREATE TABLE idempotency_record (
    principal       varchar(100) NOT NULL,
    scope           varchar(100) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    char(64)     NOT NULL,
    response_status integer      NOT NULL,
    response_body   text         NOT NULL,
    resource_id     uuid,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (principal, scope, idempotency_key)
);
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);

-- Transactional outbox: every change that search indexes and caches must learn about is written here
-- in the same transaction as the change. Readers go by id; tx_id lets a reader hold back rows of
-- transactions that may still commit with a smaller id than one already seen.
CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    aggregate_type varchar(50) NOT NULL,
    aggregate_id   uuid        NOT NULL,
    event_type     varchar(50) NOT NULL,
    payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_type, aggregate_id, id);
