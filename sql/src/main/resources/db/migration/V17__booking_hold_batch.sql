-- Group commit of holds: a batch of hold requests that arrived together is one call of
-- booking_hold_batch in one transaction, so they share a round trip and a COMMIT. Each member gets its
-- own outcome row(s), with the outcomes of booking_hold (V16), plus REPLAY (its Idempotency-Key already
-- has an answer) and BUSY (some chosen seats are locked by another transaction right now: retry).
--
-- Refusals are detected, never raised, so one member's refusal refuses that member only and leaves the
-- transaction usable for the others; a refused member writes nothing. Members run in array order, which
-- the caller sorts (event, customer, first seat). Locks are taken in one order for the whole batch:
--   1. the per-customer-and-event advisory locks of every member, in lock-key order;
--   2. per member, seat rows with FOR UPDATE SKIP LOCKED in seat-id order (never waits: a chosen seat
--      locked by another transaction is BUSY), and expired holds it takes over with SKIP LOCKED;
--   3. one UPDATE of every seat the batch holds or frees, last, whose statement-level counter trigger
--      locks the seat_counter shards in shard order until COMMIT.
-- The caller writes the members' idempotency records after this, in key order, in the same transaction.
-- Seats held by an earlier member of the batch are still AVAILABLE in the table (and locked by this
-- transaction, which SKIP LOCKED does not skip) until step 3, so every scan excludes them (taken).

CREATE FUNCTION booking_hold_batch(p_bookings uuid[], p_customers uuid[], p_events uuid[], p_seat_types uuid[],
                                   p_quantities integer[], p_seats uuid[], p_seat_members integer[],
                                   p_principals text[], p_scopes text[], p_keys text[], p_live_cap integer)
RETURNS TABLE (member integer, outcome text, detail text, replay_status integer, replay_body text, replay_hash text,
               booking_id text, event_id text, status varchar, amount numeric, currency char(3),
               created_at timestamptz, expires_at timestamptz, paid_at timestamptz, cancelled_at timestamptz,
               item_id text, seat_id text, label varchar, seat_type_id text, price numeric)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    m            integer;
    v_booking    uuid;
    v_customer   uuid;
    v_event      uuid;
    v_type       uuid;
    v_quantity   integer;
    v_seats      uuid[];
    v_outcome    text;
    v_detail     text;
    v_until      timestamptz;
    wanted       integer;
    ev           record;
    ty           record;
    rec          record;
    known        uuid[];
    unknown      uuid[];
    ga           uuid[];
    bad          uuid[];
    picked       uuid[];
    expired      uuid[];
    claimed      uuid;
    v_start      integer;
    v_run        uuid[];
    taken        uuid[] := '{}';   -- seats held by earlier members of this batch
    ending       uuid[] := '{}';   -- expired holds this batch ends
    pick_booking uuid[] := '{}';   -- per seat in taken: its new booking
    pick_until   timestamptz[] := '{}';
    held_members integer[] := '{}';
    held_ids     uuid[] := '{}';
    n            integer;
BEGIN
    PERFORM set_config('lock_timeout', '2s', true);
    -- 1. every member's customer-and-event lock (the same key as booking_hold's), in one order
    PERFORM pg_advisory_xact_lock(l.k)
       FROM (SELECT DISTINCT hashtextextended(x.c || '/' || x.e, 0) AS k FROM unnest(p_customers, p_events) AS x(c, e)) l
      ORDER BY l.k;

    FOR m IN 1 .. coalesce(cardinality(p_bookings), 0) LOOP
        v_outcome := NULL; v_detail := NULL; picked := NULL;
        v_booking := p_bookings[m]; v_customer := p_customers[m]; v_event := p_events[m];
        v_type := p_seat_types[m]; v_quantity := p_quantities[m];
        SELECT array_agg(x.s ORDER BY x.s) INTO v_seats FROM unnest(p_seats, p_seat_members) AS x(s, mm) WHERE x.mm = m;
        wanted := coalesce(cardinality(v_seats), v_quantity);

        <<one>>
        BEGIN
            IF p_keys[m] IS NOT NULL THEN
                SELECT r.response_status, r.response_body, r.request_hash INTO rec FROM idempotency_record r
                 WHERE r.principal = p_principals[m] AND r.scope = p_scopes[m] AND r.idempotency_key = p_keys[m];
                IF FOUND THEN
                    member := m; outcome := 'REPLAY'; detail := NULL;
                    replay_status := rec.response_status; replay_body := rec.response_body; replay_hash := rec.request_hash;
                    RETURN NEXT;
                    replay_status := NULL; replay_body := NULL; replay_hash := NULL;
                    CONTINUE;
                END IF;
            END IF;

            SELECT e.sale_start_at, e.sale_end_at, e.cancelled_at, e.hold_ttl_seconds, e.max_seats_per_booking
              INTO ev FROM event e WHERE e.id = v_event;
            IF NOT FOUND THEN
                v_outcome := 'NO_EVENT';
                EXIT one;
            END IF;
            v_outcome := CASE WHEN ev.cancelled_at IS NOT NULL THEN 'CANCELLED'
                              WHEN now() < ev.sale_start_at THEN 'NOT_YET'
                              WHEN now() >= ev.sale_end_at THEN 'CLOSED'
                              WHEN wanted > ev.max_seats_per_booking THEN 'TOO_MANY' END;
            IF v_outcome IS NOT NULL THEN
                v_detail := CASE v_outcome WHEN 'NOT_YET' THEN to_char(ev.sale_start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                                           WHEN 'CLOSED' THEN to_char(ev.sale_end_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                                           WHEN 'TOO_MANY' THEN cast(ev.max_seats_per_booking AS text) END;
                EXIT one;
            END IF;

            -- the live-hold cap, under this customer's advisory lock; counts holds of earlier members too
            IF (SELECT count(*) FROM booking b
                 WHERE b.customer_id = v_customer AND b.event_id = v_event AND b.status = 'PENDING_PAYMENT' AND b.expires_at > now())
               >= p_live_cap THEN
                v_outcome := 'LIVE_CAP';
                EXIT one;
            END IF;

            IF v_seats IS NOT NULL THEN
                -- chosen seats: checked without locks, then locked in id order without waiting
                SELECT array_agg(s.id ORDER BY s.id), array_agg(s.id ORDER BY s.id) FILTER (WHERE NOT t.reserved_seating)
                  INTO known, ga
                  FROM seat s JOIN seat_type t ON t.id = s.seat_type_id
                 WHERE s.event_id = v_event AND s.id = ANY (v_seats);
                SELECT array_agg(x ORDER BY x) INTO unknown FROM unnest(v_seats) x WHERE x <> ALL (coalesce(known, '{}'));
                IF unknown IS NOT NULL THEN
                    v_outcome := 'UNKNOWN_SEATS'; v_detail := array_to_string(unknown, ',');
                    EXIT one;
                END IF;
                IF ga IS NOT NULL THEN
                    v_outcome := 'GENERAL_ADMISSION'; v_detail := array_to_string(ga, ',');
                    EXIT one;
                END IF;
                SELECT array_agg(x ORDER BY x) INTO bad FROM unnest(v_seats) x WHERE x = ANY (taken);
                IF bad IS NOT NULL THEN
                    v_outcome := 'UNAVAILABLE'; v_detail := array_to_string(bad, ',');
                    EXIT one;
                END IF;
                SELECT array_agg(l.id ORDER BY l.id),
                       array_agg(l.id ORDER BY l.id) FILTER (WHERE l.status <> 'AVAILABLE' AND NOT (l.status = 'HELD' AND l.expired)),
                       array_agg(DISTINCT l.booking_id) FILTER (WHERE l.status = 'HELD')
                  INTO picked, bad, expired
                  FROM (SELECT s.id, s.status, s.booking_id, s.held_until < now() AS expired
                          FROM seat s WHERE s.id = ANY (v_seats) ORDER BY s.id FOR UPDATE SKIP LOCKED) l;
                IF bad IS NOT NULL THEN
                    v_outcome := 'UNAVAILABLE'; v_detail := array_to_string(bad, ',');
                    EXIT one;
                END IF;
                IF coalesce(cardinality(picked), 0) < cardinality(v_seats) THEN
                    v_outcome := 'BUSY';
                    SELECT string_agg(cast(x AS text), ',' ORDER BY x) INTO v_detail FROM unnest(v_seats) x
                     WHERE x <> ALL (coalesce(picked, '{}'));
                    EXIT one;
                END IF;
                -- A seat of an expired hold is ours once that hold is ended. Never wait for that booking's
                -- lock: whoever holds it (the sweeper, a confirm) is already ending or finishing it.
                IF expired IS NOT NULL THEN
                    expired := ARRAY(SELECT x FROM unnest(expired) x WHERE x <> ALL (ending));
                    FOREACH claimed IN ARRAY expired LOOP
                        PERFORM 1 FROM booking b
                          WHERE b.id = claimed AND b.status = 'PENDING_PAYMENT' AND b.expires_at < now() FOR UPDATE SKIP LOCKED;
                        IF NOT FOUND THEN
                            v_outcome := 'UNAVAILABLE';
                            SELECT string_agg(cast(s.id AS text), ',' ORDER BY s.id) INTO v_detail
                              FROM seat s WHERE s.id = ANY (picked) AND s.booking_id = claimed;
                            EXIT one;
                        END IF;
                    END LOOP;
                    -- the bookings end now (their items stop being live); their seats change in step 3
                    UPDATE booking b SET status = 'TIMEOUT', cancelled_at = now(), version = b.version + 1 WHERE b.id = ANY (expired);
                    ending := ending || expired;
                END IF;
            ELSE
                SELECT t.reserved_seating, t.total INTO ty FROM seat_type t WHERE t.id = v_type AND t.event_id = v_event;
                IF NOT FOUND THEN
                    v_outcome := 'NO_TYPE';
                    EXIT one;
                END IF;
                -- scans start at a random position so that concurrent buyers spread over the seat type
                v_start := floor(random() * ty.total);
                IF ty.reserved_seating AND v_quantity > 1 THEN
                    FOR attempt IN 1..3 LOOP
                        IF attempt > 1 THEN
                            v_start := floor(random() * ty.total);
                        END IF;
                        -- the first run of v_quantity free adjacent seats in one row among the next 256 free
                        -- seats from start (then from the head), found without locks, then locked if still free
                        SELECT (array_agg(f.id ORDER BY f.k))[1:v_quantity] INTO v_run
                          FROM (SELECT f.*, f.position - f.k AS island
                                  FROM (SELECT x.*, row_number() OVER (ORDER BY x.wrapped, x.position) AS k
                                          FROM ((SELECT s.id, s.section, s.row_label, s.position, false AS wrapped FROM seat s
                                                  WHERE s.seat_type_id = v_type AND s.status = 'AVAILABLE' AND s.position >= v_start
                                                    AND s.id <> ALL (taken)
                                                  ORDER BY s.position LIMIT 256)
                                                UNION ALL
                                                (SELECT s.id, s.section, s.row_label, s.position, true FROM seat s
                                                  WHERE s.seat_type_id = v_type AND s.status = 'AVAILABLE' AND s.position < v_start
                                                    AND s.id <> ALL (taken)
                                                  ORDER BY s.position LIMIT 256)) x) f) f
                         GROUP BY f.island, f.section, f.row_label
                        HAVING count(*) >= v_quantity
                         ORDER BY min(f.k)
                         LIMIT 1;
                        IF v_run IS NOT NULL THEN
                            SELECT array_agg(l.id) INTO picked
                              FROM (SELECT s.id FROM seat s WHERE s.id = ANY (v_run) AND s.status = 'AVAILABLE'
                                     ORDER BY s.id FOR UPDATE SKIP LOCKED) l;
                            EXIT WHEN cardinality(picked) = v_quantity;
                            picked := NULL;
                        END IF;
                    END LOOP;
                END IF;
                IF picked IS NULL THEN
                    SELECT array_agg(l.id) INTO picked
                      FROM (SELECT s.id FROM seat s
                             WHERE s.seat_type_id = v_type AND s.status = 'AVAILABLE' AND s.position >= v_start AND s.id <> ALL (taken)
                             ORDER BY s.position LIMIT v_quantity FOR UPDATE SKIP LOCKED) l;
                    IF coalesce(cardinality(picked), 0) < v_quantity THEN
                        SELECT coalesce(picked, '{}') || coalesce(array_agg(l.id), '{}') INTO picked
                          FROM (SELECT s.id FROM seat s
                                 WHERE s.seat_type_id = v_type AND s.status = 'AVAILABLE' AND s.position < v_start AND s.id <> ALL (taken)
                                 ORDER BY s.position LIMIT v_quantity - coalesce(cardinality(picked), 0) FOR UPDATE SKIP LOCKED) l;
                    END IF;
                    IF coalesce(cardinality(picked), 0) < v_quantity THEN
                        v_outcome := 'SHORT'; v_detail := cast(coalesce(cardinality(picked), 0) AS text);
                        EXIT one;
                    END IF;
                END IF;
            END IF;

            v_until := now() + make_interval(secs => ev.hold_ttl_seconds);
            INSERT INTO booking (id, customer_id, event_id, status, amount, currency, created_at, expires_at)
            SELECT v_booking, v_customer, v_event, 'PENDING_PAYMENT', sum(t.price), max(t.currency), now(), v_until
              FROM seat s JOIN seat_type t ON t.id = s.seat_type_id WHERE s.id = ANY (picked);
            INSERT INTO booking_item (id, booking_id, seat_id, seat_type_id, price)
            SELECT gen_random_uuid(), v_booking, s.id, s.seat_type_id, t.price
              FROM seat s JOIN seat_type t ON t.id = s.seat_type_id WHERE s.id = ANY (picked);
            taken := taken || picked;
            pick_booking := pick_booking || array_fill(v_booking, ARRAY[cardinality(picked)]);
            pick_until := pick_until || array_fill(v_until, ARRAY[cardinality(picked)]);
            held_members := held_members || m;
            held_ids := held_ids || v_booking;
        END one;

        IF v_outcome IS NOT NULL THEN
            member := m; outcome := v_outcome; detail := v_detail;
            RETURN NEXT;
        END IF;
    END LOOP;

    -- 3. last, one statement: the batch's seats become HELD, seats of the expired holds it ended and did
    -- not take become AVAILABLE; from here to COMMIT the transaction holds the seat_counter shards
    IF cardinality(taken) > 0 OR cardinality(ending) > 0 THEN
        WITH changed AS (
            UPDATE seat s SET status = CASE WHEN p.booking IS NULL THEN 'AVAILABLE' ELSE 'HELD' END,
                              booking_id = p.booking, held_until = p.until, version = s.version + 1
              FROM (SELECT x.seat, x.booking, x.until FROM unnest(taken, pick_booking, pick_until) AS x(seat, booking, until)
                    UNION ALL
                    SELECT f.id, NULL::uuid, NULL::timestamptz FROM seat f WHERE f.booking_id = ANY (ending) AND f.id <> ALL (taken)) p
             WHERE s.id = p.seat AND (p.booking IS NULL OR s.status = 'AVAILABLE' OR s.booking_id = ANY (ending))
            RETURNING p.booking)
        SELECT count(*) INTO n FROM changed c WHERE c.booking IS NOT NULL;
        IF n <> cardinality(taken) THEN
            -- cannot happen under the row locks; the constraints would refuse it anyway
            RAISE EXCEPTION 'held % seats of the % the batch locked', n, cardinality(taken);
        END IF;
    END IF;

    RETURN QUERY
        SELECT h.m, 'HELD'::text, NULL::text, NULL::integer, NULL::text, NULL::text, v.*
          FROM unnest(held_members, held_ids) AS h(m, b) CROSS JOIN LATERAL booking_view(h.b) v;
END $$;
