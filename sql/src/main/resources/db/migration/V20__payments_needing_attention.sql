-- Money never drifts silently. A capture, void or refund the provider refuses for good (an expired
-- authorisation, an unknown reference) or that keeps failing past its retry window moves the payment to
-- NEEDS_ATTENTION, which only a person ends: retry, cancel the booking and release its seats, or mark it
-- settled (docs/payments.md). attention_operation says which step failed; it is set exactly while the
-- payment needs attention.
--
-- settle_round: how many times staff retried; a retry's provider calls carry a new idempotency key
-- (the provider keeps the first answer of each key, the refusal included).
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ('PENDING', 'AUTHORISED', 'DECLINED', 'FAILED', 'VOIDED',
    'CAPTURED', 'REFUND_PENDING', 'REFUNDED', 'VOID_PENDING', 'NEEDS_ATTENTION'));

ALTER TABLE payment ADD COLUMN attention_operation varchar(8) CHECK (attention_operation IN ('CAPTURE', 'VOID', 'REFUND'));
ALTER TABLE payment ADD COLUMN settle_round integer NOT NULL DEFAULT 0 CHECK (settle_round >= 0);
ALTER TABLE payment ADD CONSTRAINT payment_attention_names_operation
    CHECK ((status = 'NEEDS_ATTENTION') = (attention_operation IS NOT NULL));

-- An authorisation whose capture needs attention still stands for the booking's money: no second
-- payment of the booking may open beside it.
DROP INDEX payment_one_open_per_booking;
CREATE UNIQUE INDEX payment_one_open_per_booking ON payment (booking_id)
    WHERE status IN ('PENDING', 'AUTHORISED', 'CAPTURED') OR attention_operation = 'CAPTURE';

DROP INDEX payment_open_idx;
CREATE INDEX payment_open_idx ON payment (status, updated_at)
    WHERE status IN ('PENDING', 'AUTHORISED', 'REFUND_PENDING', 'VOID_PENDING', 'FAILED', 'NEEDS_ATTENTION');
