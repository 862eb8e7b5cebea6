-- The booking hot path in one round trip each: a hold and a purchase are each one call of a
-- function below, run in the caller's transaction, instead of 13-16 and 6 statements sent one by one.
-- The rules are those of BookingTransactions' Javadoc, unchanged: seats are locked FOR UPDATE in id
-- order under a 2 s lock timeout, or with SKIP LOCKED; a transaction holding seat locks takes a booking
-- lock only with NOWAIT; time is now(). The statement that changes seat status (and so locks the
-- seat_counter shards through their trigger) runs last, so those shard locks are held only from there
-- to COMMIT. Every constraint and trigger of V1 and V3 still applies to what these functions write.
--
-- Failures the caller must tell the client about are returned, not raised: the first column
-- (outcome) names them and detail carries what the message needs. The caller rolls back on any
-- outcome but HELD / PAID. A lock timeout or a failed NOWAIT is raised (SQLSTATE 55P03) as before.

-- A booking with its items (seat order: type, then position); one row per item. Used by every read of a booking.
CREATE FUNCTION booking_view(p_booking uuid)
RETURNS TABLE (booking_id text, event_id text, status varchar, amount numeric, currency char(3), created_at timestamptz,
               expires_at timestamptz, paid_at timestamptz, cancelled_at timestamptz,
               item_id text, seat_id text, label varchar, seat_type_id text, price numeric)
LANGUAGE sql STABLE AS $$
    SELECT cast(b.id AS text), cast(b.event_id AS text), b.status, b.amount, b.currency, b.created_at, b.expires_at,
           b.paid_at, b.cancelled_at, cast(i.id AS text), cast(i.seat_id AS text), s.label, cast(i.seat_type_id AS text), i.price
      FROM booking b
      LEFT JOIN booking_item i ON i.booking_id = b.id
      LEFT JOIN seat s ON s.id = i.seat_id
     WHERE b.id = p_booking
     ORDER BY s.seat_type_id, s.position
$$;

-- Ends locked, live bookings (TIMEOUT or CANCELLED) and frees their seats; returns the freed seats.
CREATE FUNCTION booking_end(p_bookings uuid[], p_status varchar) RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE booking SET status = p_status, cancelled_at = now(), version = version + 1 WHERE id = ANY (p_bookings);
    RETURN QUERY
        UPDATE seat SET status = 'AVAILABLE', booking_id = NULL, held_until = NULL, version = version + 1
         WHERE seat.booking_id = ANY (p_bookings) RETURNING seat.id;
END $$;

-- The hold. Either p_seats (chosen seats, all or none) or p_seat_type + p_quantity (free seats of a
-- type: adjacent in one row where possible for numbered seats with p_quantity > 1, else any). Outcomes:
--   HELD (one row per item, with booking_view's columns), NO_EVENT, CANCELLED, NOT_YET (detail: sale start),
--   CLOSED (detail: sale end), TOO_MANY (detail: max seats per booking), LIVE_CAP, UNKNOWN_SEATS,
--   GENERAL_ADMISSION, UNAVAILABLE (detail: the seat ids, comma-separated), NO_TYPE, SHORT (detail: how
--   many seats were free).
CREATE FUNCTION booking_hold(p_booking uuid, p_customer uuid, p_event uuid, p_seats uuid[], p_seat_type uuid,
                             p_quantity integer, p_live_cap integer)
RETURNS TABLE (outcome text, detail text, booking_id text, event_id text, status varchar, amount numeric, currency char(3),
               created_at timestamptz, expires_at timestamptz, paid_at timestamptz, cancelled_at timestamptz,
               item_id text, seat_id text, label varchar, seat_type_id text, price numeric)
LANGUAGE plpgsql AS $$
DECLARE
    ev       record;
    wanted   integer := coalesce(cardinality(p_seats), p_quantity);
    picked   uuid[];
    unknown  uuid[];
    ga       uuid[];
    bad      uuid[];
    expired  uuid[];
    claimed  uuid;
    ty       record;
    v_start  integer;
    v_run    uuid[];
    n        integer;
BEGIN
    SELECT e.sale_start_at, e.sale_end_at, e.cancelled_at, e.hold_ttl_seconds, e.max_seats_per_booking
      INTO ev FROM event e WHERE e.id = p_event;
    IF NOT FOUND THEN
        outcome := 'NO_EVENT';
        RETURN NEXT;
        RETURN;
    END IF;
    outcome := CASE WHEN ev.cancelled_at IS NOT NULL THEN 'CANCELLED'
                    WHEN now() < ev.sale_start_at THEN 'NOT_YET'
                    WHEN now() >= ev.sale_end_at THEN 'CLOSED'
                    WHEN wanted > ev.max_seats_per_booking THEN 'TOO_MANY' END;
    IF outcome IS NOT NULL THEN
        detail := CASE outcome WHEN 'NOT_YET' THEN to_char(ev.sale_start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                               WHEN 'CLOSED' THEN to_char(ev.sale_end_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                               WHEN 'TOO_MANY' THEN cast(ev.max_seats_per_booking AS text) END;
        RETURN NEXT;
        RETURN;
    END IF;

    PERFORM set_config('lock_timeout', '2s', true);
    -- One customer's holds on one event are serialised (and only those): the live-hold cap holds even
    -- against concurrent requests of the same customer.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_customer || '/' || p_event, 0));
    IF (SELECT count(*) FROM booking b
         WHERE b.customer_id = p_customer AND b.event_id = p_event AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now())
       >= p_live_cap THEN
        outcome := 'LIVE_CAP';
        RETURN NEXT;
        RETURN;
    END IF;

    IF p_seats IS NOT NULL THEN
        -- chosen seats, locked in id order
        SELECT array_agg(l.id ORDER BY l.id),
               array_agg(l.id ORDER BY l.id) FILTER (WHERE NOT l.reserved_seating),
               array_agg(l.id ORDER BY l.id) FILTER (WHERE l.status <> 'AVAILABLE' AND NOT (l.status = 'HELD' AND l.expired)),
               array_agg(DISTINCT l.booking_id) FILTER (WHERE l.status = 'HELD')
          INTO picked, ga, bad, expired
          FROM (SELECT s.id, s.status, s.booking_id, s.held_until < now() AS expired, t.reserved_seating
                  FROM seat s JOIN seat_type t ON t.id = s.seat_type_id
                 WHERE s.event_id = p_event AND s.id = ANY (p_seats)
                 ORDER BY s.id
                   FOR UPDATE OF s) l;
        SELECT array_agg(x) INTO unknown FROM unnest(p_seats) x WHERE x <> ALL (coalesce(picked, '{}'));
        IF unknown IS NOT NULL THEN
            outcome := 'UNKNOWN_SEATS'; detail := array_to_string(unknown, ',');
            RETURN NEXT;
            RETURN;
        END IF;
        IF ga IS NOT NULL THEN
            outcome := 'GENERAL_ADMISSION'; detail := array_to_string(ga, ',');
            RETURN NEXT;
            RETURN;
        END IF;
        IF bad IS NOT NULL THEN
            outcome := 'UNAVAILABLE'; detail := array_to_string(bad, ',');
            RETURN NEXT;
            RETURN;
        END IF;
        -- A seat of an expired hold is ours once that hold is ended. Never wait for that booking's lock:
        -- whoever holds it (the sweeper, a confirm) is already ending or finishing it.
        IF expired IS NOT NULL THEN
            FOREACH claimed IN ARRAY expired LOOP
                PERFORM 1 FROM booking b
                  WHERE b.id = claimed AND b.status = 'PENDING_PAYMENT' AND b.expires_at < now() FOR UPDATE NOWAIT;
                IF NOT FOUND THEN
                    outcome := 'UNAVAILABLE';
                    SELECT string_agg(cast(s.id AS text), ',' ORDER BY s.id) INTO detail
                      FROM seat s WHERE s.id = ANY (picked) AND s.booking_id = claimed;
                    RETURN NEXT;
                    RETURN;
                END IF;
            END LOOP;
            PERFORM booking_end(expired, 'TIMEOUT');
        END IF;
    ELSE
        SELECT t.reserved_seating, t.total INTO ty FROM seat_type t WHERE t.id = p_seat_type AND t.event_id = p_event;
        IF NOT FOUND THEN
            outcome := 'NO_TYPE';
            RETURN NEXT;
            RETURN;
        END IF;
        -- Scans start at a random position so that concurrent buyers spread over the seat type
        -- instead of queueing on its first free rows.
        v_start := floor(random() * ty.total);
        IF ty.reserved_seating AND p_quantity > 1 THEN
            FOR attempt IN 1..3 LOOP
                IF attempt > 1 THEN
                    v_start := floor(random() * ty.total);
                END IF;
                -- the first run of p_quantity free adjacent seats in one row among the next 256 free
                -- seats from start (then from the head), found without locks, then locked if still free
                SELECT (array_agg(f.id ORDER BY f.k))[1:p_quantity] INTO v_run
                  FROM (SELECT f.*, f.position - f.k AS island
                          FROM (SELECT x.*, row_number() OVER (ORDER BY x.wrapped, x.position) AS k
                                  FROM ((SELECT s.id, s.section, s.row_label, s.position, false AS wrapped FROM seat s
                                          WHERE s.seat_type_id = p_seat_type AND s.status = 'AVAILABLE' AND s.position >= v_start
                                          ORDER BY s.position LIMIT 256)
                                        UNION ALL
                                        (SELECT s.id, s.section, s.row_label, s.position, true FROM seat s
                                          WHERE s.seat_type_id = p_seat_type AND s.status = 'AVAILABLE' AND s.position < v_start
                                          ORDER BY s.position LIMIT 256)) x) f) f
                 GROUP BY f.island, f.section, f.row_label
                HAVING count(*) >= p_quantity
                 ORDER BY min(f.k)
                 LIMIT 1;
                IF v_run IS NOT NULL THEN
                    SELECT array_agg(l.id) INTO picked
                      FROM (SELECT s.id FROM seat s WHERE s.id = ANY (v_run) AND s.status = 'AVAILABLE'
                             ORDER BY s.id FOR UPDATE SKIP LOCKED) l;
                    EXIT WHEN cardinality(picked) = p_quantity;
                    picked := NULL;
                END IF;
            END LOOP;
        END IF;
        IF picked IS NULL THEN
            SELECT array_agg(l.id) INTO picked
              FROM (SELECT s.id FROM seat s
                     WHERE s.seat_type_id = p_seat_type AND s.status = 'AVAILABLE' AND s.position >= v_start
                     ORDER BY s.position LIMIT p_quantity FOR UPDATE SKIP LOCKED) l;
            IF coalesce(cardinality(picked), 0) < p_quantity THEN
                SELECT coalesce(picked, '{}') || coalesce(array_agg(l.id), '{}') INTO picked
                  FROM (SELECT s.id FROM seat s
                         WHERE s.seat_type_id = p_seat_type AND s.status = 'AVAILABLE' AND s.position < v_start
                         ORDER BY s.position LIMIT p_quantity - coalesce(cardinality(picked), 0) FOR UPDATE SKIP LOCKED) l;
            END IF;
            IF coalesce(cardinality(picked), 0) < p_quantity THEN
                outcome := 'SHORT'; detail := cast(coalesce(cardinality(picked), 0) AS text);
                RETURN NEXT;
                RETURN;
            END IF;
        END IF;
    END IF;

    INSERT INTO booking (id, customer_id, event_id, status, amount, currency, created_at, expires_at)
    SELECT p_booking, p_customer, p_event, 'PENDING_PAYMENT', sum(t.price), max(t.currency), now(),
           now() + make_interval(secs => ev.hold_ttl_seconds)
      FROM seat s JOIN seat_type t ON t.id = s.seat_type_id WHERE s.id = ANY (picked);
    INSERT INTO booking_item (id, booking_id, seat_id, seat_type_id, price)
    SELECT gen_random_uuid(), p_booking, s.id, s.seat_type_id, t.price
      FROM seat s JOIN seat_type t ON t.id = s.seat_type_id WHERE s.id = ANY (picked);
    -- last: from here to COMMIT this transaction holds the seat_counter shards of these seats
    UPDATE seat s SET status = 'HELD', booking_id = p_booking, held_until = now() + make_interval(secs => ev.hold_ttl_seconds),
                      version = s.version + 1
     WHERE s.id = ANY (picked) AND s.status = 'AVAILABLE';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> cardinality(picked) THEN
        -- cannot happen under the row locks; the constraints would refuse it anyway
        RAISE EXCEPTION 'held fewer seats than were locked for booking %', p_booking;
    END IF;
    RETURN QUERY SELECT 'HELD'::text, NULL::text, v.* FROM booking_view(p_booking) v;
END $$;

-- The purchase, once the payment is authorised: under the booking's lock, checks the hold is still this
-- booking's and unexpired by the database clock, then marks its seats SOLD and the booking PAID.
-- Outcomes: PAID (one row per item, booking_view's columns; also when it was PAID already), NO_BOOKING,
-- EXPIRED (the booking is no longer a live, unexpired hold), ENDED (its seats are no longer all held by it).
CREATE FUNCTION booking_purchase(p_booking uuid, p_payment uuid)
RETURNS TABLE (outcome text, booking_id text, event_id text, status varchar, amount numeric, currency char(3),
               created_at timestamptz, expires_at timestamptz, paid_at timestamptz, cancelled_at timestamptz,
               item_id text, seat_id text, label varchar, seat_type_id text, price numeric)
LANGUAGE plpgsql AS $$
DECLARE
    b      record;
    seats  integer;
    held   integer;
    paid   varchar;
BEGIN
    SELECT bk.status, bk.expires_at <= now() AS expired, e.cancelled_at IS NOT NULL AS event_cancelled INTO b
      FROM booking bk JOIN event e ON e.id = bk.event_id WHERE bk.id = p_booking FOR UPDATE OF bk;
    IF NOT FOUND THEN
        outcome := 'NO_BOOKING';
        RETURN NEXT;
        RETURN;
    END IF;
    IF b.status <> 'PAID' THEN
        IF b.status <> 'PENDING_PAYMENT' OR b.expired THEN
            outcome := 'EXPIRED';
            RETURN NEXT;
            RETURN;
        END IF;
        IF b.event_cancelled THEN
            outcome := 'EVENT_CANCELLED';
            RETURN NEXT;
            RETURN;
        END IF;
        -- the payment after the booking (lock order): a reconciler voiding this authorisation waits for
        -- the purchase and then sees the booking PAID, or the purchase sees that it was voided first
        SELECT p.status INTO paid FROM payment p WHERE p.id = p_payment FOR UPDATE;
        IF paid IS DISTINCT FROM 'AUTHORISED' THEN
            outcome := 'PAYMENT_RELEASED';
            RETURN NEXT;
            RETURN;
        END IF;
        SELECT count(*), count(*) FILTER (WHERE l.status = 'HELD') INTO seats, held
          FROM (SELECT s.status FROM seat s WHERE s.booking_id = p_booking ORDER BY s.id FOR UPDATE) l;
        IF seats <> held OR seats <> (SELECT count(*) FROM booking_item i WHERE i.booking_id = p_booking) THEN
            outcome := 'ENDED';
            RETURN NEXT;
            RETURN;
        END IF;
        UPDATE booking SET status = 'PAID', paid_at = now(), version = version + 1 WHERE id = p_booking;
        UPDATE seat SET status = 'SOLD', held_until = NULL, version = version + 1 WHERE seat.booking_id = p_booking;
    END IF;
    RETURN QUERY SELECT 'PAID'::text, v.* FROM booking_view(p_booking) v;
END $$;
