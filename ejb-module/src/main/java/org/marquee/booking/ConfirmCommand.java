package org.marquee.booking;

import java.util.UUID;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.domain.payment.PaymentMethod;

/**
 * A validated request to pay for a hold.
 *
 * @param customerId   whose booking it must be; null when staff pay (any booking)
 * @param paymentToken the card token for the provider; null for cash
 * @param key          the request's idempotency key, or null
 * @param bodies       renders the answer for the idempotency record; null when there is no key
 */
public record ConfirmCommand(UUID bookingId, UUID customerId, PaymentMethod method, String paymentToken, IdempotencyStore.Key key,
                             AnswerBodies bodies) {
}
