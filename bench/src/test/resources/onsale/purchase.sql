-- The confirm of BookingService.confirm with tok_visa, statement for statement, on a hold made by
-- hold.sql (taken in turn from onsale_raw_pending): the payable read, the payment opened (PENDING) and
-- authorised (PaymentSteps: JPA insert, then find + update), the purchase transaction of
-- BookingTransactions.purchase (one call of booking_purchase, V16, which returns the view), and the
-- capture (find + update). pgbench -M prepared.
-- Differences: the in-process payment provider's work and the payment's JPA version check are not
-- there; the next booking comes from a sequence (one extra statement).
select cast(booking_id as text) as bid from onsale_raw_pending where n = (select nextval('onsale_raw_next')) \gset
select cast(customer_id as text), status, amount, currency, expires_at <= now() from booking where id = cast(:bid as uuid);
BEGIN;
select count(*) from payment where booking_id = cast(:bid as uuid);
insert into payment (id, booking_id, provider, idempotency_key, method, status, amount, currency, created_at, updated_at, version)
select gen_random_uuid(), b.id, 'test', 'raw-' || b.id, 'CARD', 'PENDING', b.amount, b.currency, now(), now(), 0
  from booking b where b.id = cast(:bid as uuid)
returning cast(id as text) as pid \gset
COMMIT;
BEGIN;
select id, status, amount, version from payment where id = cast(:pid as uuid);
update payment set status = 'AUTHORISED', provider_reference = 'raw-' || id, updated_at = now(), version = version + 1
 where id = cast(:pid as uuid) and version = 0;
COMMIT;
BEGIN;
select * from booking_purchase(cast(:bid as uuid), cast(:pid as uuid));
COMMIT;
BEGIN;
select id, status, amount, version from payment where id = cast(:pid as uuid);
update payment set status = 'CAPTURED', updated_at = now(), version = version + 1 where id = cast(:pid as uuid) and version = 1;
COMMIT;
