package org.marquee.payment;

/**
 * The money state of one payment attempt. PENDING: sent to the provider, answer unknown.
 * CAPTURED money must belong to a PAID booking; otherwise it is REFUND_PENDING until REFUNDED.
 * An authorisation that will not be captured is VOID_PENDING until VOIDED.
 */
public enum PaymentStatus {
    PENDING, AUTHORISED, DECLINED, FAILED, VOIDED, CAPTURED, REFUND_PENDING, REFUNDED, VOID_PENDING
}
