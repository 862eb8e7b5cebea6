-- Bookings, their items, payments and the payment history.
--
-- The invariants of DESIGN.md §3 that these tables carry, enforced by the database itself:
--  1. A seat belongs to at most one live booking (PENDING_PAYMENT or PAID):
--     booking_item.active mirrors "the booking is live" (kept by trigger) and a partial unique index
--     allows one active item per seat; seat.booking_id must name a booking that has an item for it.
--  2. A seat is SOLD only with a PAID booking that holds it, and HELD only with a PENDING_PAYMENT one:
--     deferred constraint triggers on seat and booking check the pair at commit.
--  4. Every captured payment belongs to one PAID booking, or is being/has been refunded:
--     deferred constraint triggers on payment and booking.
-- (Invariant 3 lives with the seat counters in V1.)

CREATE TABLE booking (
    id           uuid PRIMARY KEY,
    customer_id  uuid          NOT NULL REFERENCES app_user (id),
    event_id     uuid          NOT NULL REFERENCES event (id),
    status       varchar(16)   NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'CANCELLED', 'TIMEOUT')),
    amount       numeric(10,2) NOT NULL CHECK (amount >= 0),
    currency     char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    expires_at   timestamptz   NOT NULL,
    paid_at      timestamptz,
    cancelled_at timestamptz,
    version      integer       NOT NULL DEFAULT 0,
    CONSTRAINT booking_expiry_after_creation CHECK (expires_at > created_at),
    CONSTRAINT booking_paid_has_time CHECK (status <> 'PAID' OR paid_at IS NOT NULL),
    CONSTRAINT booking_ended_has_time CHECK (status NOT IN ('CANCELLED', 'TIMEOUT') OR cancelled_at IS NOT NULL)
);
CREATE INDEX booking_customer_idx ON booking (customer_id, created_at DESC);
CREATE INDEX booking_event_idx ON booking (event_id, status);
-- the expiry sweeper's queue
CREATE INDEX booking_pending_expiry_idx ON booking (expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE FUNCTION booking_is_live(status varchar) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT status IN ('PENDING_PAYMENT', 'PAID') $$;

CREATE TABLE booking_item (
    id           uuid PRIMARY KEY,
    booking_id   uuid          NOT NULL REFERENCES booking (id),
    seat_id      uuid          NOT NULL REFERENCES seat (id),
    seat_type_id uuid          NOT NULL REFERENCES seat_type (id),
    price        numeric(10,2) NOT NULL CHECK (price >= 0),
    active       boolean       NOT NULL DEFAULT true,
    CONSTRAINT booking_item_seat_once UNIQUE (booking_id, seat_id)
);
-- Invariant 1: one live booking per seat.
CREATE UNIQUE INDEX booking_item_one_live_per_seat ON booking_item (seat_id) WHERE active;
CREATE INDEX booking_item_seat_idx ON booking_item (seat_id);

-- A held or sold seat names its booking, and that booking must have an item for the seat.
ALTER TABLE seat ADD CONSTRAINT seat_booking_item_fk
    FOREIGN KEY (booking_id, id) REFERENCES booking_item (booking_id, seat_id)
    DEFERRABLE INITIALLY DEFERRED;

-- booking_item.active is derived from the booking's status, never set by application code.
CREATE FUNCTION booking_item_set_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT booking_is_live(b.status) INTO NEW.active FROM booking b WHERE b.id = NEW.booking_id;
    RETURN NEW;
END $$;
CREATE TRIGGER booking_item_active_on_insert BEFORE INSERT OR UPDATE OF active ON booking_item
    FOR EACH ROW EXECUTE FUNCTION booking_item_set_active();

CREATE FUNCTION booking_sync_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF booking_is_live(NEW.status) <> booking_is_live(OLD.status) THEN
        UPDATE booking_item SET active = booking_is_live(NEW.status) WHERE booking_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER booking_items_follow_status AFTER UPDATE OF status ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_sync_items();

-- Invariant 2, checked at commit: every seat that names a booking has the status that booking's
-- status demands (PENDING_PAYMENT -> HELD, PAID -> SOLD, ended -> no seat names it).
CREATE FUNCTION booking_check_seats(p_booking_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    b_status varchar;
    bad uuid;
BEGIN
    SELECT status INTO b_status FROM booking WHERE id = p_booking_id;
    SELECT s.id INTO bad FROM seat s
     WHERE s.booking_id = p_booking_id
       AND s.status IS DISTINCT FROM (CASE b_status WHEN 'PENDING_PAYMENT' THEN 'HELD' WHEN 'PAID' THEN 'SOLD' END)
     LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'seat % does not match booking % in status %', bad, p_booking_id, b_status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'seat_status_matches_booking';
    END IF;
END $$;

CREATE FUNCTION seat_check_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.booking_id IS NOT NULL THEN
        PERFORM booking_check_seats(NEW.booking_id);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER seat_status_matches_booking AFTER UPDATE OF status, booking_id ON seat
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION seat_check_booking();

CREATE FUNCTION booking_check_own_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM booking_check_seats(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER booking_status_matches_seats AFTER UPDATE OF status ON booking
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION booking_check_own_seats();

CREATE TABLE payment (
    id                 uuid PRIMARY KEY,
    booking_id         uuid          NOT NULL REFERENCES booking (id),
    provider           varchar(50)   NOT NULL,
    provider_reference varchar(200),
    idempotency_key    varchar(200)  NOT NULL,
    method             varchar(20)   NOT NULL DEFAULT 'CARD' CHECK (method IN ('CARD', 'CASH')),
    status             varchar(16)   NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'DECLINED', 'FAILED', 'VOIDED',
                                                                'CAPTURED', 'REFUND_PENDING', 'REFUNDED')),
    amount             numeric(10,2) NOT NULL CHECK (amount >= 0),
    currency           char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_amount    numeric(10,2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    failure_code       varchar(64),
    failure_message    varchar(500),
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    version            integer       NOT NULL DEFAULT 0,
    CONSTRAINT payment_idempotency_key_uq UNIQUE (provider, idempotency_key),
    CONSTRAINT payment_refund_complete CHECK (status <> 'REFUNDED' OR refunded_amount = amount)
);
CREATE INDEX payment_booking_idx ON payment (booking_id);
CREATE INDEX payment_open_idx ON payment (status, updated_at) WHERE status IN ('PENDING', 'AUTHORISED', 'REFUND_PENDING');
-- At most one payment per booking is in flight or holds money at any moment: a second concurrent
-- confirm cannot charge the fan twice.
CREATE UNIQUE INDEX payment_one_open_per_booking ON payment (booking_id)
    WHERE status IN ('PENDING', 'AUTHORISED', 'CAPTURED', 'REFUND_PENDING');

-- Invariant 4, checked at commit.
CREATE FUNCTION payment_check_booking(p_booking_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bad uuid;
BEGIN
    SELECT p.id INTO bad FROM payment p JOIN booking b ON b.id = p.booking_id
     WHERE p.booking_id = p_booking_id AND p.status = 'CAPTURED' AND b.status <> 'PAID'
     LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'captured payment % belongs to booking % which is not PAID', bad, p_booking_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'captured_payment_has_paid_booking';
    END IF;
END $$;

CREATE FUNCTION payment_check_own_booking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM payment_check_booking(NEW.booking_id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER captured_payment_has_paid_booking AFTER INSERT OR UPDATE OF status ON payment
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'CAPTURED')
    EXECUTE FUNCTION payment_check_own_booking();

CREATE FUNCTION booking_check_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM payment_check_booking(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER paid_booking_keeps_captured_payment AFTER UPDATE OF status ON booking
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.status = 'PAID' AND NEW.status <> 'PAID')
    EXECUTE FUNCTION booking_check_payments();

-- Full history of each payment, so support can answer "was I charged?". Written by trigger so no
-- code path can change a payment without leaving a trace.
CREATE TABLE payment_event (
    id          bigserial PRIMARY KEY,
    payment_id  uuid          NOT NULL REFERENCES payment (id),
    status      varchar(16)   NOT NULL,
    amount      numeric(10,2) NOT NULL,
    refunded_amount numeric(10,2) NOT NULL,
    detail      varchar(500),
    occurred_at timestamptz   NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX payment_event_payment_idx ON payment_event (payment_id, id);

CREATE FUNCTION payment_record_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status <> OLD.status OR NEW.refunded_amount <> OLD.refunded_amount THEN
        INSERT INTO payment_event (payment_id, status, amount, refunded_amount, detail)
        VALUES (NEW.id, NEW.status, NEW.amount, NEW.refunded_amount,
                coalesce(NEW.failure_code || ': ' || NEW.failure_message, NEW.failure_code));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER payment_history AFTER INSERT OR UPDATE ON payment
    FOR EACH ROW EXECUTE FUNCTION payment_record_event();
