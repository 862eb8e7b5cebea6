-- The live-hold cap counts a customer's live holds on one event. booking_hold (V16) and
-- booking_hold_batch (V17) counted them with
--     WHERE customer_id = .. AND event_id = .. AND status = 'PENDING_PAYMENT' AND expires_at > now()
-- and the planner, with statistics taken before a sale (when no hold was live yet), costed a scan of
-- the sweeper's index, booking_pending_expiry_idx (expires_at, every pending booking), as low as the
-- customer-and-event index and chose it: every live hold of every customer, filtered by customer and
-- event. Until the next ANALYZE, each hold of a busy sale then scanned all live holds (2 ms a hold
-- with 8,600 live, growing with the sale).
--
-- Two changes make the right index the only cheap one, whatever the statistics say:
--   1. The sweeper's index is partial on `expires_at IS NOT NULL` as well, which only a query that
--      bounds expires_at (the sweeper's `expires_at <= now()`) implies; the count cannot use it.
--   2. The count selects by customer, event and status alone (booking_customer_event_pending_idx, V6)
--      and counts the unexpired of those few rows: a customer's pending holds on one event, bounded by
--      the cap plus the expired ones the sweeper has not ended yet.
CREATE INDEX booking_expiring_hold_idx ON booking (expires_at) WHERE status = 'PENDING_PAYMENT' AND expires_at IS NOT NULL;
DROP INDEX booking_pending_expiry_idx;

-- The two functions are otherwise unchanged: their definitions are read from the database and this
-- one condition rewritten, so V16 and V17 stay where the rest of them is read.
DO $$
DECLARE
    f          regprocedure;
    definition text;
    old_count  constant text := 'SELECT count(*) FROM booking b';
    new_count  constant text := 'SELECT count(*) FILTER (WHERE b.expires_at > now()) FROM booking b';
    old_where  constant text := 'AND b.status = ''PENDING_PAYMENT'' AND b.expires_at > now())';
    new_where  constant text := 'AND b.status = ''PENDING_PAYMENT'')';
BEGIN
    FOREACH f IN ARRAY ARRAY[
            'booking_hold(uuid, uuid, uuid, uuid[], uuid, integer, integer)'::regprocedure,
            'booking_hold_batch(uuid[], uuid[], uuid[], uuid[], integer[], uuid[], integer[], text[], text[], text[], integer)'::regprocedure] LOOP
        definition := pg_get_functiondef(f);
        IF (length(definition) - length(replace(definition, old_count, ''))) / length(old_count) <> 1
           OR (length(definition) - length(replace(definition, old_where, ''))) / length(old_where) <> 1 THEN
            RAISE EXCEPTION 'the live-hold count of % is not the one V16/V17 wrote', f;
        END IF;
        EXECUTE replace(replace(definition, old_count, new_count), old_where, new_where);
    END LOOP;
END $$;
