package org.marquee.domain.payment;

/**
 * The provider call that settles a payment after its authorisation: capture (the sale stands), void or
 * refund (the money goes back). Each starts from one status and ends in another; one that cannot be done
 * leaves the payment {@link PaymentStatus#NEEDS_ATTENTION} with this step named.
 */
public enum Settlement {
    CAPTURE(PaymentStatus.AUTHORISED, PaymentStatus.CAPTURED, "capture:"),
    VOID(PaymentStatus.VOID_PENDING, PaymentStatus.VOIDED, "void:"),
    REFUND(PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED, "refund:");

    private final PaymentStatus from;
    private final PaymentStatus to;
    private final String keyPrefix;

    Settlement(PaymentStatus from, PaymentStatus to, String keyPrefix) {
        this.from = from;
        this.to = to;
        this.keyPrefix = keyPrefix;
    }

    /** The status a payment waits in for this step. */
    public PaymentStatus from() {
        return from;
    }

    /** The status the step ends in. */
    public PaymentStatus to() {
        return to;
    }

    /** The step a payment in {@code status} waits for, or null. */
    public static Settlement awaitedIn(PaymentStatus status) {
        for (Settlement s : values()) {
            if (s.from == status) {
                return s;
            }
        }
        return null;
    }

    /**
     * The idempotency key of this step's provider call: the first round keeps the historical form
     * ({@code capture:<booking>:<attempt>}); each staff retry gets a key of its own.
     */
    public String key(Payment payment) {
        String base = keyPrefix + payment.getIdempotencyKey();
        return payment.getSettleRound() == 0 ? base : base + "#" + payment.getSettleRound();
    }
}
