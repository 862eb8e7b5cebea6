-- Catalog (venues, performers, events, seat types) and inventory (seats and their per-type counters).
--
-- Invariant 3 (per seat type, available + held + sold = total at every moment) is enforced here:
-- every seat row carries exactly one status, and the seat_counter rows, maintained by a trigger on
-- seat, carry CHECK (available + held + sold = total). Counters are split into shards so that
-- concurrent holds on one seat type do not queue on a single counter row; the trigger touches the
-- shards of one statement in shard order so two transactions can never deadlock on them.

CREATE TABLE venue (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    city        varchar(200) NOT NULL CHECK (length(btrim(city)) > 0),
    country     char(2)      NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    address     varchar(500),
    created_at  timestamptz  NOT NULL DEFAULT now()
);
-- One venue row per (name, city, country): events at the same place share it.
CREATE UNIQUE INDEX venue_identity_uq ON venue (lower(name), lower(city), country);

CREATE TABLE performer (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX performer_name_uq ON performer (lower(name));

CREATE TABLE event (
    id                    uuid PRIMARY KEY,
    code                  varchar(64)   NOT NULL,
    name                  varchar(200)  NOT NULL CHECK (length(btrim(name)) > 0),
    description           varchar(10000),
    category              varchar(16)   NOT NULL
        CHECK (category IN ('CONCERT', 'SPORTS', 'THEATRE', 'COMEDY', 'FESTIVAL', 'CONFERENCE', 'OTHER')),
    venue_id              uuid          REFERENCES venue (id),
    start_at              timestamptz   NOT NULL,
    end_at                timestamptz,
    sale_start_at         timestamptz   NOT NULL,
    sale_end_at           timestamptz   NOT NULL,
    hold_ttl_seconds      integer       NOT NULL DEFAULT 600 CHECK (hold_ttl_seconds BETWEEN 5 AND 3600),
    max_seats_per_booking integer       NOT NULL DEFAULT 8 CHECK (max_seats_per_booking BETWEEN 1 AND 50),
    additional_info       jsonb         NOT NULL DEFAULT '{}'::jsonb,
    cancelled_at          timestamptz,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now(),
    version               integer       NOT NULL DEFAULT 0,
    CONSTRAINT event_code_uq UNIQUE (code),
    CONSTRAINT event_ends_after_start CHECK (end_at IS NULL OR end_at > start_at),
    CONSTRAINT event_sale_window_ordered CHECK (sale_start_at < sale_end_at),
    CONSTRAINT event_sale_before_start CHECK (sale_end_at <= start_at)
);
CREATE INDEX event_start_at_idx ON event (start_at);

CREATE TABLE event_performer (
    event_id     uuid     NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    performer_id uuid     NOT NULL REFERENCES performer (id),
    position     smallint NOT NULL CHECK (position >= 0),
    PRIMARY KEY (event_id, performer_id),
    CONSTRAINT event_performer_position_uq UNIQUE (event_id, position)
);
CREATE INDEX event_performer_performer_idx ON event_performer (performer_id);

CREATE TABLE seat_type (
    id               uuid PRIMARY KEY,
    event_id         uuid          NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name             varchar(200)  NOT NULL CHECK (length(btrim(name)) > 0),
    description      varchar(10000),
    price            numeric(10,2) NOT NULL CHECK (price > 0),
    currency         char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reserved_seating boolean       NOT NULL,
    total            integer       NOT NULL CHECK (total > 0),
    position         smallint      NOT NULL CHECK (position >= 0),
    CONSTRAINT seat_type_name_uq UNIQUE (event_id, name),
    CONSTRAINT seat_type_position_uq UNIQUE (event_id, position)
);

-- Sharded availability counters (see the header). A seat type has one row per shard in use.
CREATE TABLE seat_counter (
    seat_type_id uuid     NOT NULL REFERENCES seat_type (id) ON DELETE CASCADE,
    shard        smallint NOT NULL CHECK (shard >= 0),
    total        integer  NOT NULL CHECK (total >= 0),
    available    integer  NOT NULL CHECK (available >= 0),
    held         integer  NOT NULL CHECK (held >= 0),
    sold         integer  NOT NULL CHECK (sold >= 0),
    PRIMARY KEY (seat_type_id, shard),
    CONSTRAINT seat_counter_balanced CHECK (available + held + sold = total)
);

CREATE TABLE seat (
    id            uuid PRIMARY KEY,
    event_id      uuid         NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    seat_type_id  uuid         NOT NULL REFERENCES seat_type (id) ON DELETE CASCADE,
    -- section/row/number are null for general-admission places
    section       varchar(50),
    row_label     varchar(20),
    number        integer CHECK (number IS NULL OR number > 0),
    label         varchar(100) NOT NULL,
    -- order of the seat within its type: rows in order, seats left to right; used for adjacency
    position      integer      NOT NULL CHECK (position >= 0),
    counter_shard smallint     NOT NULL CHECK (counter_shard >= 0),
    status        varchar(9)   NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD')),
    booking_id    uuid,
    held_until    timestamptz,
    version       integer      NOT NULL DEFAULT 0,
    -- a free seat belongs to no booking; a held or sold seat belongs to exactly one
    CONSTRAINT seat_booking_matches_status CHECK ((status = 'AVAILABLE') = (booking_id IS NULL)),
    CONSTRAINT seat_hold_has_deadline CHECK (status <> 'HELD' OR held_until IS NOT NULL),
    CONSTRAINT seat_label_uq UNIQUE (seat_type_id, label),
    CONSTRAINT seat_position_uq UNIQUE (seat_type_id, position)
);
CREATE INDEX seat_event_idx ON seat (event_id, seat_type_id, position);
-- free seats of a type, for best-available and general admission (SKIP LOCKED scans)
CREATE INDEX seat_available_idx ON seat (seat_type_id, position) WHERE status = 'AVAILABLE';
CREATE INDEX seat_booking_idx ON seat (booking_id) WHERE booking_id IS NOT NULL;

-- Creates the counter rows when seats are inserted (statement level: one pass per INSERT ... SELECT / COPY batch).
CREATE FUNCTION seat_counter_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO seat_counter AS c (seat_type_id, shard, total, available, held, sold)
    SELECT n.seat_type_id, n.counter_shard, count(*),
           count(*) FILTER (WHERE n.status = 'AVAILABLE'),
           count(*) FILTER (WHERE n.status = 'HELD'),
           count(*) FILTER (WHERE n.status = 'SOLD')
      FROM new_seats n
     GROUP BY n.seat_type_id, n.counter_shard
     ORDER BY n.seat_type_id, n.counter_shard
    ON CONFLICT (seat_type_id, shard) DO UPDATE
       SET total = c.total + excluded.total,
           available = c.available + excluded.available,
           held = c.held + excluded.held,
           sold = c.sold + excluded.sold;
    RETURN NULL;
END $$;

CREATE TRIGGER seat_counter_insert AFTER INSERT ON seat
    REFERENCING NEW TABLE AS new_seats
    FOR EACH STATEMENT EXECUTE FUNCTION seat_counter_on_insert();

-- Moves counts between columns when seats change status. One UPDATE of the shards touched by the
-- statement, locked in (seat_type_id, shard) order.
CREATE FUNCTION seat_counter_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH changed AS (
        SELECT n.seat_type_id, n.counter_shard,
               (CASE n.status WHEN 'AVAILABLE' THEN 1 ELSE 0 END) - (CASE o.status WHEN 'AVAILABLE' THEN 1 ELSE 0 END) AS d_available,
               (CASE n.status WHEN 'HELD' THEN 1 ELSE 0 END) - (CASE o.status WHEN 'HELD' THEN 1 ELSE 0 END) AS d_held,
               (CASE n.status WHEN 'SOLD' THEN 1 ELSE 0 END) - (CASE o.status WHEN 'SOLD' THEN 1 ELSE 0 END) AS d_sold
          FROM new_seats n JOIN old_seats o ON o.id = n.id
         WHERE n.status <> o.status
    ), delta AS (
        SELECT seat_type_id, counter_shard,
               sum(d_available) AS d_available, sum(d_held) AS d_held, sum(d_sold) AS d_sold
          FROM changed GROUP BY seat_type_id, counter_shard
    ), locked AS (
        SELECT c.seat_type_id, c.shard
          FROM seat_counter c JOIN delta d ON d.seat_type_id = c.seat_type_id AND d.counter_shard = c.shard
         ORDER BY c.seat_type_id, c.shard
           FOR UPDATE OF c
    )
    UPDATE seat_counter c
       SET available = c.available + d.d_available,
           held = c.held + d.d_held,
           sold = c.sold + d.d_sold
      FROM delta d, locked l
     WHERE c.seat_type_id = d.seat_type_id AND c.shard = d.counter_shard
       AND l.seat_type_id = c.seat_type_id AND l.shard = c.shard;
    RETURN NULL;
END $$;

CREATE TRIGGER seat_counter_update AFTER UPDATE ON seat
    REFERENCING OLD TABLE AS old_seats NEW TABLE AS new_seats
    FOR EACH STATEMENT EXECUTE FUNCTION seat_counter_on_update();

-- Deleting seats (only ever with their event or seat type) takes them out of the counters too.
CREATE FUNCTION seat_counter_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH delta AS (
        SELECT o.seat_type_id, o.counter_shard, count(*) AS d_total,
               count(*) FILTER (WHERE o.status = 'AVAILABLE') AS d_available,
               count(*) FILTER (WHERE o.status = 'HELD') AS d_held,
               count(*) FILTER (WHERE o.status = 'SOLD') AS d_sold
          FROM old_seats o GROUP BY o.seat_type_id, o.counter_shard
    )
    UPDATE seat_counter c
       SET total = c.total - d.d_total, available = c.available - d.d_available,
           held = c.held - d.d_held, sold = c.sold - d.d_sold
      FROM delta d
     WHERE c.seat_type_id = d.seat_type_id AND c.shard = d.counter_shard;
    RETURN NULL;
END $$;

CREATE TRIGGER seat_counter_delete AFTER DELETE ON seat
    REFERENCING OLD TABLE AS old_seats
    FOR EACH STATEMENT EXECUTE FUNCTION seat_counter_on_delete();
