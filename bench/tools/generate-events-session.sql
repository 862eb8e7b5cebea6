-- Synthetic events for benchmarks: the start of one bench/tools/generate-events worker's psql session, before
-- its batches (generate-events.sql, one transaction each). The session's temporary tables hold the words the
-- names are made of and the venues and performers the events get, numbered; they last as long as the session.
--   setup  true: first create the 2,000 venues and 20,000 performers (once per run, idempotent)
\set ON_ERROR_STOP on
-- generated rows: a crash may lose the last batches, never their consistency
SET synchronous_commit = off;

CREATE TEMP TABLE gen_words (k int PRIMARY KEY, adjectives text[], nouns text[], genres text[], cities text[]);
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

\if :setup
BEGIN;
INSERT INTO venue (id, name, city, country, address)
SELECT gen_random_uuid(), w.adjectives[1 + v % 24] || ' Hall ' || v, w.cities[1 + v % 50], 'CH', 'Street ' || v
  FROM gen_words w, generate_series(1, 2000) v
ON CONFLICT DO NOTHING;
INSERT INTO performer (id, name)
SELECT gen_random_uuid(), 'Artist ' || w.adjectives[1 + p % 24] || ' ' || w.nouns[1 + (p / 24) % 24] || ' ' || p
  FROM gen_words w, generate_series(1, 20000) p
ON CONFLICT DO NOTHING;
COMMIT;
\endif

CREATE TEMP TABLE gen_venue AS
SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM venue WHERE name ~ ' Hall [0-9]+$';
CREATE TEMP TABLE gen_performer AS
SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM performer WHERE name ~ '^Artist .* [0-9]+$';
CREATE UNIQUE INDEX ON gen_venue (k);
CREATE UNIQUE INDEX ON gen_performer (k);
ANALYZE gen_words; ANALYZE gen_venue; ANALYZE gen_performer;
SELECT count(*) AS gen_venues FROM gen_venue \gset
