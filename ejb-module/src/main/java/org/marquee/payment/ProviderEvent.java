package org.marquee.payment;

import java.time.Instant;

/**
 * One event of the provider's webhook: {@code {id, type, created, data: {reference, idempotencyKey,
 * state}}}. {@code authorisationKey} is the idempotency key our authorisation carried; {@code state} is
 * the provider's state of the payment when it sent the event (authorised, captured, voided, refunded,
 * declined).
 */
public record ProviderEvent(String id, String type, Instant created, String reference, String authorisationKey, String state) {
}
