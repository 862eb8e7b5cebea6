-- Outbox readers consume entries in (tx_id, id) order and only from transactions older than the
-- oldest one still running (pg_snapshot_xmin), so an entry that commits late can never be skipped.
CREATE INDEX outbox_tx_order_idx ON outbox (tx_id, id);
