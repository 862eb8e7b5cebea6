-- One hold per transaction: one call of booking_hold (V16), as the application made it before it
-- committed holds in batches (booking_hold_batch, V17: one call and one COMMIT per batch), on the twin
-- event; pgbench -M prepared. Best-available and general admission, 1 to 4
-- places. Variables from OnSaleRawDb (-D): event, type0 (numbered), type1 (general admission), buyers.
-- Difference from the application: the live-hold cap is passed as 1,000,000, so it is checked but never
-- refuses (pgbench's buyers hold several times without paying in between).
\set b random(1, :buyers)
\set t random(0, 1)
\set q random(1, 4)
BEGIN;
select * from booking_hold(gen_random_uuid(), cast(md5('marquee-bench-buyer-' || :b) as uuid), cast(:event as uuid),
       cast(null as uuid[]), cast(case cast(:t as int) when 0 then :type0 else :type1 end as uuid), :q, 1000000);
COMMIT;
