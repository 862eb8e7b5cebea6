-- Access paths of the booking hot path.
-- The live-hold cap looks up a customer's pending holds for one event inside the hold transaction.
CREATE INDEX booking_customer_event_pending_idx ON booking (customer_id, event_id) WHERE status = 'PENDING_PAYMENT';
-- The reconciler compares held seats with the cache.
CREATE INDEX seat_held_idx ON seat (held_until) WHERE status = 'HELD';
