-- Group commit of confirms. A confirm is two batched calls around the provider's authorisation, each
-- one round trip and one COMMIT shared by every confirm that arrived together:
--
--   payment_open_batch   per member: the answer its Idempotency-Key already has (REPLAY); else the
--                        booking as the caller may see it; and, when it can be paid, a new PENDING
--                        payment (OPENED). At most one payment of a booking is in flight
--                        (payment_one_open_per_booking): a second one is IN_PROGRESS.
--   booking_pay_batch    per member: its payment AUTHORISED with the provider's reference, then the
--                        purchase (booking PAID, seats SOLD), as booking_purchase (V16) does it. A member
--                        that cannot be bought has its payment marked VOID_PENDING in the same
--                        transaction (voided = true): the caller gives the authorisation back. A cash
--                        payment is CAPTURED with its purchase (the money is in the till).
--
-- Refusals are outcomes, never errors, so one member's refusal refuses that member only. Members whose
-- caller may not see the booking (p_customers[m] set and not the booking's customer) are NO_BOOKING.
--
-- Lock order of booking_pay_batch, for the whole batch: every member's booking FOR UPDATE in booking-id
-- order (waiting only while it holds booking locks); then, member by member, its payment and its seat
-- rows (a booking's seats change only under that booking's lock, or by SKIP LOCKED scans that never
-- wait); last one UPDATE of bookings and one of seats, whose counter trigger locks the seat_counter
-- shards until COMMIT. The caller writes the members' idempotency records after this, in key order, in
-- the same transaction.

CREATE FUNCTION payment_open_batch(p_bookings uuid[], p_customers uuid[], p_providers varchar[], p_methods varchar[],
                                   p_principals text[], p_scopes text[], p_keys text[])
RETURNS TABLE (member integer, outcome text, replay_status integer, replay_body text, replay_hash text,
               payment_id uuid, payment_key varchar, amount numeric, currency char(3))
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    m        integer;
    rec      record;
    bk       record;
    attempt  bigint;
    opened   uuid;
    v_key    varchar;
BEGIN
    PERFORM set_config('lock_timeout', '2s', true);
    FOR m IN 1 .. coalesce(array_length(p_bookings, 1), 0) LOOP
        IF p_keys[m] IS NOT NULL THEN
            SELECT r.response_status, r.response_body, r.request_hash INTO rec FROM idempotency_record r
             WHERE r.principal = p_principals[m] AND r.scope = p_scopes[m] AND r.idempotency_key = p_keys[m];
            IF FOUND THEN
                RETURN QUERY SELECT m, 'REPLAY'::text, rec.response_status, rec.response_body, rec.request_hash::text,
                                    NULL::uuid, NULL::varchar, NULL::numeric, NULL::char(3);
                CONTINUE;
            END IF;
        END IF;
        SELECT b.status, b.customer_id, b.amount, b.currency, b.expires_at <= now() AS expired INTO bk
          FROM booking b WHERE b.id = p_bookings[m];
        IF NOT FOUND OR (p_customers[m] IS NOT NULL AND bk.customer_id <> p_customers[m]) THEN
            RETURN QUERY SELECT m, 'NO_BOOKING'::text, NULL::integer, NULL::text, NULL::text, NULL::uuid, NULL::varchar, NULL::numeric, NULL::char(3);
            CONTINUE;
        END IF;
        IF bk.status IN ('PAID', 'CANCELLED', 'TIMEOUT') OR bk.expired THEN
            RETURN QUERY SELECT m, CASE WHEN bk.status = 'PENDING_PAYMENT' THEN 'EXPIRED' ELSE bk.status::text END,
                                NULL::integer, NULL::text, NULL::text, NULL::uuid, NULL::varchar, NULL::numeric, NULL::char(3);
            CONTINUE;
        END IF;
        SELECT count(*) INTO attempt FROM payment p WHERE p.booking_id = p_bookings[m];
        v_key := p_bookings[m] || ':' || (attempt + 1);
        opened := NULL;
        -- a payment of this booking in flight (or one opened by an earlier member of this batch) makes it IN_PROGRESS
        INSERT INTO payment (id, booking_id, provider, idempotency_key, method, status, amount, currency)
        VALUES (gen_random_uuid(), p_bookings[m], p_providers[m], v_key, p_methods[m], 'PENDING', bk.amount, bk.currency)
        ON CONFLICT DO NOTHING
        RETURNING id INTO opened;
        IF opened IS NULL THEN
            RETURN QUERY SELECT m, 'IN_PROGRESS'::text, NULL::integer, NULL::text, NULL::text, NULL::uuid, NULL::varchar, NULL::numeric, NULL::char(3);
            CONTINUE;
        END IF;
        RETURN QUERY SELECT m, 'OPENED'::text, NULL::integer, NULL::text, NULL::text, opened, v_key, bk.amount, bk.currency;
    END LOOP;
END $$;

CREATE FUNCTION booking_pay_batch(p_bookings uuid[], p_payments uuid[], p_references varchar[])
RETURNS TABLE (member integer, outcome text, voided boolean,
               booking_id text, event_id text, status varchar, amount numeric, currency char(3),
               created_at timestamptz, expires_at timestamptz, paid_at timestamptz, cancelled_at timestamptz,
               item_id text, seat_id text, label varchar, seat_type_id text, price numeric)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    n         integer := coalesce(array_length(p_bookings, 1), 0);
    m         integer;
    b         record;
    paid      varchar;
    seats     integer;
    held      integer;
    outcomes  text[] := '{}';
    buying    uuid[] := '{}';
    releasing uuid[] := '{}';
BEGIN
    PERFORM set_config('lock_timeout', '2s', true);
    -- 1. every member's booking, in id order
    PERFORM 1 FROM booking bk WHERE bk.id = ANY (p_bookings) ORDER BY bk.id FOR UPDATE;
    -- 2. member by member: its payment, then its seats
    FOR m IN 1 .. n LOOP
        SELECT bk.status, bk.expires_at <= now() AS expired, e.cancelled_at IS NOT NULL AS event_cancelled INTO b
          FROM booking bk JOIN event e ON e.id = bk.event_id WHERE bk.id = p_bookings[m];
        IF NOT FOUND THEN
            outcomes := outcomes || 'NO_BOOKING'::text;
            CONTINUE;
        END IF;
        UPDATE payment p SET status = 'AUTHORISED', provider_reference = p_references[m], updated_at = now(), version = p.version + 1
         WHERE p.id = p_payments[m] AND p.status = 'PENDING';
        SELECT p.status INTO paid FROM payment p WHERE p.id = p_payments[m] FOR UPDATE;
        IF b.status <> 'PENDING_PAYMENT' OR b.expired OR p_bookings[m] = ANY (buying) THEN
            outcomes := outcomes || 'EXPIRED'::text;
        ELSIF b.event_cancelled THEN
            outcomes := outcomes || 'EVENT_CANCELLED'::text;
        ELSIF paid IS DISTINCT FROM 'AUTHORISED' THEN
            outcomes := outcomes || 'PAYMENT_RELEASED'::text;
        ELSE
            SELECT count(*), count(*) FILTER (WHERE l.status = 'HELD') INTO seats, held
              FROM (SELECT s.status FROM seat s WHERE s.booking_id = p_bookings[m] ORDER BY s.id FOR UPDATE) l;
            IF seats <> held OR seats <> (SELECT count(*) FROM booking_item i WHERE i.booking_id = p_bookings[m]) THEN
                outcomes := outcomes || 'ENDED'::text;
            ELSE
                outcomes := outcomes || 'PAID'::text;
                buying := buying || p_bookings[m];
                CONTINUE;
            END IF;
        END IF;
        IF paid = 'AUTHORISED' THEN
            releasing := releasing || p_payments[m];
        END IF;
    END LOOP;
    -- 3. the changes, seats last (counter shards)
    IF array_length(releasing, 1) > 0 THEN
        UPDATE payment p SET status = 'VOID_PENDING', failure_code = 'not_purchased',
               failure_message = 'the booking was not paid; the authorisation is released', updated_at = now(), version = p.version + 1
         WHERE p.id = ANY (releasing) AND p.status = 'AUTHORISED';
    END IF;
    IF array_length(buying, 1) > 0 THEN
        UPDATE booking bk SET status = 'PAID', paid_at = now(), version = bk.version + 1 WHERE bk.id = ANY (buying);
        UPDATE seat s SET status = 'SOLD', held_until = NULL, version = s.version + 1 WHERE s.booking_id = ANY (buying);
        -- cash is in the till: nothing for a provider to capture
        UPDATE payment p SET status = 'CAPTURED', updated_at = now(), version = p.version + 1
         WHERE p.booking_id = ANY (buying) AND p.id = ANY (p_payments) AND p.method = 'CASH' AND p.status = 'AUTHORISED';
    END IF;
    FOR m IN 1 .. n LOOP
        IF outcomes[m] = 'PAID' THEN
            RETURN QUERY SELECT m, 'PAID'::text, false, v.* FROM booking_view(p_bookings[m]) v;
        ELSE
            RETURN QUERY SELECT m, outcomes[m], p_payments[m] = ANY (releasing),
                                NULL::text, NULL::text, NULL::varchar, NULL::numeric, NULL::char(3), NULL::timestamptz,
                                NULL::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::text, NULL::varchar,
                                NULL::text, NULL::numeric;
        END IF;
    END LOOP;
END $$;
