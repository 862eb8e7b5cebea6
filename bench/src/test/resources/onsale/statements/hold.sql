-- Before V16: the hold as BookingTransactions sent it statement by statement (commit e88c9f3). Kept so
-- that every run measures the round trips V16 removed against the same database (OnSaleRawDb runs
-- these first, then ../hold.sql).
-- The hold of BookingTransactions.hold (best-available path: pickFree/lockFree), statement for
-- statement, on the twin event; pgbench -M prepared (the JDBC driver prepares server-side too).
-- Variables from OnSaleRawDb (-D): event, type0 (numbered), type1 (general admission), total0, total1, buyers.
-- Differences from the application: the booking id comes from gen_random_uuid() (the application
-- makes it in Java), the amount from the locked rows' sum (the application adds them up in Java), the
-- live-hold count is run but not acted upon, and the wrap-around scan always runs (LIMIT 0 when the
-- first scan found enough), and the two scans' ids are joined in SQL (array_remove of the empty one).
\set b random(1, :buyers)
\set t random(0, 1)
\set q random(1, 4)
\if :t = 0
\set start random(0, :total0 - 1)
\else
\set start random(0, :total1 - 1)
\endif
BEGIN;
select e.sale_start_at, e.sale_end_at, e.cancelled_at, e.hold_ttl_seconds, e.max_seats_per_booking, now()
  from event e where e.id = cast(:event as uuid);
set local lock_timeout = '2s';
select pg_advisory_xact_lock(hashtextextended(cast(md5('marquee-bench-buyer-' || :b) as uuid) || '/' || :event, 0));
select count(*) from booking
 where customer_id = cast(md5('marquee-bench-buyer-' || :b) as uuid) and event_id = cast(:event as uuid)
   and status = 'PENDING_PAYMENT' and expires_at > now();
select t.reserved_seating, t.total from seat_type t
 where t.id = cast(case cast(:t as int) when 0 then :type0 else :type1 end as uuid) and t.event_id = cast(:event as uuid);
select coalesce(string_agg(id, ','), '') as ids1, count(*) as n1, coalesce(sum(price), 0) as amount1 from (
select cast(s.id as text) as id, cast(s.seat_type_id as text), s.status, null, false, s.label, t.price, t.currency, t.reserved_seating
  from seat s join seat_type t on t.id = s.seat_type_id
 where s.seat_type_id = cast(case cast(:t as int) when 0 then :type0 else :type1 end as uuid) and s.status = 'AVAILABLE' and s.position >= :start
 order by s.position
 limit :q
   for update of s skip locked) x \gset
\set rest :q - :n1
select coalesce(string_agg(id, ','), '') as ids2, count(*) as n2, coalesce(sum(price), 0) as amount2 from (
select cast(s.id as text) as id, cast(s.seat_type_id as text), s.status, null, false, s.label, t.price, t.currency, t.reserved_seating
  from seat s join seat_type t on t.id = s.seat_type_id
 where s.seat_type_id = cast(case cast(:t as int) when 0 then :type0 else :type1 end as uuid) and s.status = 'AVAILABLE' and s.position < :start
 order by s.position
 limit :rest
   for update of s skip locked) x \gset
\if :n1 + :n2 = :q
insert into booking (id, customer_id, event_id, status, amount, currency, created_at, expires_at)
values (gen_random_uuid(), cast(md5('marquee-bench-buyer-' || :b) as uuid), cast(:event as uuid), 'PENDING_PAYMENT',
        cast(:amount1 as numeric) + cast(:amount2 as numeric), 'GBP', now(), now() + interval '600 seconds')
returning cast(id as text) as bid \gset
insert into booking_item (id, booking_id, seat_id, seat_type_id, price)
select gen_random_uuid(), cast(:bid as uuid), s.id, s.seat_type_id, t.price
  from seat s join seat_type t on t.id = s.seat_type_id
 where s.id = any(cast(array_remove(string_to_array(:ids1 || ',' || :ids2, ','), '') as uuid[]));
update seat set status = 'HELD', booking_id = cast(:bid as uuid), held_until = now() + interval '600 seconds', version = version + 1
 where id = any(cast(array_remove(string_to_array(:ids1 || ',' || :ids2, ','), '') as uuid[])) and status = 'AVAILABLE';
select cast(id as text), cast(event_id as text), status, amount, currency, created_at, expires_at, paid_at, cancelled_at
  from booking where id = cast(:bid as uuid);
select cast(i.id as text), cast(i.seat_id as text), s.label, cast(i.seat_type_id as text), i.price
  from booking_item i join seat s on s.id = i.seat_id
 where i.booking_id = cast(:bid as uuid)
 order by s.seat_type_id, s.position;
COMMIT;
\else
ROLLBACK;
\endif
