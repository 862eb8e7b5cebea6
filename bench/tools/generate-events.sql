-- Synthetic events for benchmarks: one batch of events, set-based (INSERT ... SELECT over generate_series),
-- in one transaction. Called by bench/tools/generate-events once per batch with psql variables:
--   first  number of the first event of the batch (events are numbered from 1)
--   n      events in the batch
--   quantity  general-admission places per event (small: seats stay manageable)
--   setup  true: only create the 2,000 venues and 20,000 performers the batches use, and stop
-- Every event gets a venue (from 2,000), one or two performers (from 20,000), one general-admission seat
-- type and its seats (the seat trigger makes the seat_counter rows, as for real events), and an
-- EventCreated outbox entry in the same transaction, like every event the API creates: running nodes
-- index them from the outbox; a node started later that is too far behind rebuilds its index instead.
-- About 5 % of events are over and 2 % cancelled, so search has something to leave out.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE gen_words (k int PRIMARY KEY, adjectives text[], nouns text[], genres text[], cities text[]) ON COMMIT DROP;
INSERT INTO gen_words VALUES (1,
  ARRAY['Grand','Midnight','Golden','Electric','Royal','Silent','Wild','Crystal','Velvet','Summer','Winter','Autumn',
        'Spring','Northern','Southern','Urban','Cosmic','Acoustic','Jazzy','Baroque','Romantic','Modern','Classic','Secret'],
  ARRAY['Gala','Festival','Night','Session','Tour','Showcase','Marathon','Matinee','Revue','Jubilee','Parade','Cup',
        'Derby','Final','Summit','Forum','Evening','Weekend','Premiere','Encore','Serenade','Rhapsody','Voyage','Carnival'],
  ARRAY['Jazz','Rock','Symphony','Opera','Ballet','Blues','Techno','Folk','Hip Hop','Comedy','Football','Tennis',
        'Hockey','Basketball','Theatre','Musical','Chamber Music','Piano','Guitar','Poetry','Cinema','Science','Design','Cooking'],
  ARRAY['Zürich','Genève','Basel','Bern','Lausanne','Paris','Lyon','Marseille','Berlin','München','Köln','Wien','Graz',
        'Milano','Roma','Torino','Madrid','Barcelona','Sevilla','Lisboa','Porto','London','Manchester','Dublin','Amsterdam',
        'Rotterdam','Bruxelles','København','Stockholm','Oslo','Helsinki','Warszawa','Kraków','Praha','Budapest','Athína',
        'New York','Chicago','Toronto','Montréal','São Paulo','Buenos Aires','Ciudad de México','Tokyo','Ōsaka','Seoul',
        'Sydney','Melbourne','Cape Town','Reykjavík']);

-- venues and performers: only with -v setup=true (once per run; idempotent, their identities are unique)
\if :setup
INSERT INTO venue (id, name, city, country, address)
SELECT gen_random_uuid(), w.adjectives[1 + v % 24] || ' Hall ' || v, w.cities[1 + v % 50], 'CH', 'Street ' || v
  FROM gen_words w, generate_series(1, 2000) v
ON CONFLICT DO NOTHING;
INSERT INTO performer (id, name)
SELECT gen_random_uuid(), 'Artist ' || w.adjectives[1 + p % 24] || ' ' || w.nouns[1 + (p / 24) % 24] || ' ' || p
  FROM gen_words w, generate_series(1, 20000) p
ON CONFLICT DO NOTHING;
COMMIT;
\quit
\endif

CREATE TEMP TABLE gen_event ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, i,
       w.adjectives[1 + (i * 7) % 24] || ' ' || w.genres[1 + (i * 11) % 24] || ' ' || w.nouns[1 + (i * 13) % 24] AS name,
       'A ' || lower(w.genres[1 + (i * 11) % 24]) || ' event with ' || lower(w.adjectives[1 + (i * 5) % 24]) || ' '
           || lower(w.nouns[1 + (i * 3) % 24]) || ' and ' || lower(w.genres[1 + (i * 17) % 24]) || ' guests, number ' || i AS description,
       (ARRAY['CONCERT','SPORTS','THEATRE','COMEDY','FESTIVAL','CONFERENCE','OTHER'])[1 + i % 7] AS category,
       -- about 5 % over already, the rest spread over two years ahead
       CASE WHEN i % 20 = 0 THEN now() - make_interval(days => 1 + i % 300)
            ELSE date_trunc('hour', now()) + make_interval(days => 1 + i % 730, hours => 12 + i % 10) END AS start_at,
       i % 50 = 1 AS cancelled
  FROM gen_words w, generate_series(:first, :first + :n - 1) i;

CREATE TEMP TABLE gen_venue ON COMMIT DROP AS
SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM venue WHERE name ~ ' Hall [0-9]+$';
CREATE TEMP TABLE gen_performer ON COMMIT DROP AS
SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM performer WHERE name ~ '^Artist .* [0-9]+$';
ANALYZE gen_event; ANALYZE gen_venue; ANALYZE gen_performer;

INSERT INTO event (id, code, name, description, category, venue_id, start_at, end_at, sale_start_at, sale_end_at,
                   cancelled_at, created_at, updated_at)
SELECT e.id, 'GEN-' || e.i, e.name, e.description, e.category, v.id, e.start_at, e.start_at + interval '3 hours',
       e.start_at - interval '90 days', e.start_at - interval '1 hour',
       CASE WHEN e.cancelled THEN now() END, now(), now()
  FROM gen_event e
  JOIN gen_venue v ON v.k = e.i % (SELECT count(*) FROM gen_venue);

INSERT INTO event_performer (event_id, performer_id, position)
SELECT e.id, p.id, x.pos
  FROM gen_event e
 CROSS JOIN LATERAL (VALUES (0, (e.i * 31) % 20000), (1, (e.i * 57 + 7) % 20000)) x(pos, k)
  JOIN gen_performer p ON p.k = x.k
 WHERE x.pos = 0 OR e.i % 2 = 0;

CREATE TEMP TABLE gen_type ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, e.id AS event_id, e.i FROM gen_event e;

INSERT INTO seat_type (id, event_id, name, price, currency, reserved_seating, total, position)
SELECT t.id, t.event_id, 'General admission', 10 + (t.i % 190) + 0.50, 'CHF', false, :quantity, 0
  FROM gen_type t;

-- the seats; the statement-level trigger on seat fills seat_counter
INSERT INTO seat (id, event_id, seat_type_id, label, position, counter_shard)
SELECT gen_random_uuid(), t.event_id, t.id, 'GA-' || n, n - 1, (n - 1) % 16
  FROM gen_type t CROSS JOIN generate_series(1, :quantity) n;

INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload)
SELECT 'event', e.id, 'EventCreated', '{"generated": true}'::jsonb FROM gen_event e;

COMMIT;
