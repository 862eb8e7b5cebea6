-- Durable positions of outbox consumers that keep state outside PostgreSQL, one row per consumer and
-- node: e.g. the search index of each node ('search', node name). A consumer reads the outbox in
-- (tx_id, id) order after its position and moves the position forward once what it read is applied,
-- so it resumes where it stopped after a restart. The generation ties the position to the copy of the
-- state it belongs to (a search index directory carries the same value): a mismatch means the state
-- was lost or belongs to another database, and the consumer rebuilds it.
CREATE TABLE outbox_consumer_offset (
    consumer    varchar(50)  NOT NULL CHECK (length(btrim(consumer)) > 0),
    node        varchar(200) NOT NULL CHECK (length(btrim(node)) > 0),
    position_tx xid8         NOT NULL,
    position_id bigint       NOT NULL CHECK (position_id >= 0),
    generation  uuid         NOT NULL,
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, node)
);
