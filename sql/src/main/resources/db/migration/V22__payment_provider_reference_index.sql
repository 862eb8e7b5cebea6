-- Provider events and status answers that carry no authorisation key find their payment by the
-- provider's reference: without an index that is a scan of every payment, under a row lock.
CREATE INDEX payment_provider_reference_idx ON payment (provider_reference) WHERE provider_reference IS NOT NULL;
