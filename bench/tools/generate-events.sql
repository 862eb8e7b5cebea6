-- Synthetic events for benchmarks: one batch of events, set-based (INSERT ... SELECT over generate_series),
-- in one transaction. bench/tools/generate-events runs it once per batch in a psql session that
-- generate-events-session.sql started, with psql variables:
--   first  number of the first event of the batch (events are numbered from 1)
--   n      events in the batch
--   quantity  general-admission places per event (small: seats stay manageable)
-- Every event gets a venue (from 2,000), one or two performers (from 20,000), one general-admission seat
-- type and its seats (the seat trigger makes the seat_counter rows, as for real events), and an
-- EventCreated outbox entry in the same transaction, like every event the API creates: running nodes
-- index them from the outbox; a node started later that is too far behind rebuilds its index instead.
-- About 5 % of events are over and 2 % cancelled, so search has something to leave out.
-- Ids are made from the event's number (version-4 shaped UUIDs, 'e…' events, 'a…' seat types, '5ea7…'
-- seats): ascending within a run, so every primary key and index on them grows at its end instead of
-- taking random pages, which is most of what makes 10 million events load in minutes.
BEGIN;

CREATE TEMP TABLE gen_event ON COMMIT DROP AS
SELECT cast('e0000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0') AS uuid) AS id, i,
       w.adjectives[1 + (i * 7) % 24] || ' ' || w.genres[1 + (i * 11) % 24] || ' ' || w.nouns[1 + (i * 13) % 24] AS name,
       'A ' || lower(w.genres[1 + (i * 11) % 24]) || ' event with ' || lower(w.adjectives[1 + (i * 5) % 24]) || ' '
           || lower(w.nouns[1 + (i * 3) % 24]) || ' and ' || lower(w.genres[1 + (i * 17) % 24]) || ' guests, number ' || i AS description,
       (ARRAY['CONCERT','SPORTS','THEATRE','COMEDY','FESTIVAL','CONFERENCE','OTHER'])[1 + i % 7] AS category,
       -- about 5 % over already, the rest spread over two years ahead
       CASE WHEN i % 20 = 0 THEN now() - make_interval(days => 1 + i % 300)
            ELSE date_trunc('hour', now()) + make_interval(days => 1 + i % 730, hours => 12 + i % 10) END AS start_at,
       i % 50 = 1 AS cancelled
  FROM gen_words w, generate_series(:first, :first + :n - 1) i;

INSERT INTO event (id, code, name, description, category, venue_id, start_at, end_at, sale_start_at, sale_end_at,
                   cancelled_at, created_at, updated_at)
SELECT e.id, 'GEN-' || e.i, e.name, e.description, e.category, v.id, e.start_at, e.start_at + interval '3 hours',
       e.start_at - interval '90 days', e.start_at - interval '1 hour',
       CASE WHEN e.cancelled THEN now() END, now(), now()
  FROM gen_event e
  JOIN gen_venue v ON v.k = e.i % :gen_venues
 ORDER BY e.id;

INSERT INTO event_performer (event_id, performer_id, position)
SELECT e.id, p.id, x.pos
  FROM gen_event e
 CROSS JOIN LATERAL (VALUES (0, (e.i * 31) % 20000), (1, (e.i * 57 + 7) % 20000)) x(pos, k)
  JOIN gen_performer p ON p.k = x.k
 WHERE x.pos = 0 OR e.i % 2 = 0
 ORDER BY e.id, x.pos;

INSERT INTO seat_type (id, event_id, name, price, currency, reserved_seating, total, position)
SELECT cast('a0000000-0000-4000-8000-' || lpad(to_hex(e.i), 12, '0') AS uuid), e.id, 'General admission',
       10 + (e.i % 190) + 0.50, 'CHF', false, :quantity, 0
  FROM gen_event e
 ORDER BY e.id;

-- the seats; the statement-level trigger on seat fills seat_counter
INSERT INTO seat (id, event_id, seat_type_id, label, position, counter_shard)
SELECT cast('5ea7' || lpad(to_hex(n), 4, '0') || '-0000-4000-8000-' || lpad(to_hex(e.i), 12, '0') AS uuid), e.id,
       cast('a0000000-0000-4000-8000-' || lpad(to_hex(e.i), 12, '0') AS uuid), 'GA-' || n, n - 1, (n - 1) % 16
  FROM gen_event e CROSS JOIN generate_series(1, :quantity) n
 ORDER BY e.id, n;

INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload)
SELECT 'event', e.id, 'EventCreated', '{"generated": true}'::jsonb FROM gen_event e ORDER BY e.id;

COMMIT;
