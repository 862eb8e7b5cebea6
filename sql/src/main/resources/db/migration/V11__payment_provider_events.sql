-- Payments through a real provider boundary: late answers of the provider, webhooks.
--
-- VOID_PENDING: the provider holds an authorisation we no longer want (it answered after we had given
-- up, or the purchase did not happen); the void call follows, and the reconciler retries it.
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ('PENDING', 'AUTHORISED', 'DECLINED', 'FAILED', 'VOIDED',
    'CAPTURED', 'REFUND_PENDING', 'REFUNDED', 'VOID_PENDING'));

-- Money on its way back never blocks a new attempt to pay: a late capture of an attempt the buyer was
-- told had failed is refunded while the buyer's next attempt goes ahead.
DROP INDEX payment_one_open_per_booking;
CREATE UNIQUE INDEX payment_one_open_per_booking ON payment (booking_id) WHERE status IN ('PENDING', 'AUTHORISED', 'CAPTURED');

DROP INDEX payment_open_idx;
CREATE INDEX payment_open_idx ON payment (status, updated_at)
    WHERE status IN ('PENDING', 'AUTHORISED', 'REFUND_PENDING', 'VOID_PENDING', 'FAILED');

-- Every provider event (webhook) we have applied, by the provider's event id: a redelivery or a replay
-- finds its row and changes nothing. Written in the transaction that applies the event.
CREATE TABLE payment_webhook_event (
    event_id     varchar(100) PRIMARY KEY,
    type         varchar(40)  NOT NULL,
    payment_id   uuid         REFERENCES payment (id),
    created_at   timestamptz  NOT NULL,
    received_at  timestamptz  NOT NULL DEFAULT now(),
    outcome      varchar(200) NOT NULL
);
CREATE INDEX payment_webhook_event_payment_idx ON payment_webhook_event (payment_id);
