package org.marquee.domain.payment;

/**
 * The money state of one payment attempt. PENDING: sent to the provider, answer unknown.
 * CAPTURED money must belong to a PAID booking; otherwise it is REFUND_PENDING until REFUNDED.
 * An authorisation that will not be captured is VOID_PENDING until VOIDED.
 * NEEDS_ATTENTION: a capture, void or refund that could not be done (refused by the provider, or failing
 * past its retry window); only staff end it ({@link Settlement} names the step).
 */
public enum PaymentStatus {
    PENDING, AUTHORISED, DECLINED, FAILED, VOIDED, CAPTURED, REFUND_PENDING, REFUNDED, VOID_PENDING, NEEDS_ATTENTION
}
