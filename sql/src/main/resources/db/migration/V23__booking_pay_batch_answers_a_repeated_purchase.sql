-- A purchase run again after its commit was applied but never acknowledged (the connection was cut at
-- COMMIT, the transaction manager reported a failure, and the group commit ran the member again) found
-- its booking PAID and took that for "not bought": it marked the very payment that paid the booking
-- VOID_PENDING, and the reconciler gave the money back for seats that stayed sold.
--
-- booking_pay_batch now answers such a member PAID, with the booking as it is, and changes nothing: a
-- PAID booking whose payment in this call is the booking's standing payment (AUTHORISED, CAPTURED, or
-- waiting for staff over its capture) was paid by that payment, since payment_one_open_per_booking (V20)
-- lets only one such payment stand per booking. Everything else is as in V18.

CREATE OR REPLACE FUNCTION booking_pay_batch(p_bookings uuid[], p_payments uuid[], p_references varchar[])
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
        IF b.status = 'PAID' AND NOT p_bookings[m] = ANY (buying) AND paid IN ('AUTHORISED', 'CAPTURED', 'NEEDS_ATTENTION')
           AND EXISTS (SELECT 1 FROM payment p WHERE p.id = p_payments[m] AND p.booking_id = p_bookings[m]
                        AND (p.status <> 'NEEDS_ATTENTION' OR p.attention_operation = 'CAPTURE')) THEN
            -- bought already with this very payment (one payment of a booking stands at a time): a commit
            -- whose outcome its caller never heard, run again; the same answer, nothing changed
            outcomes := outcomes || 'PAID'::text;
            CONTINUE;
        ELSIF b.status <> 'PENDING_PAYMENT' OR b.expired OR p_bookings[m] = ANY (buying) THEN
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
