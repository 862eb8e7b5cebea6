package org.marquee.domain.booking;

/** The life of a booking: a hold awaiting payment, then paid, or ended without a sale. */
public enum BookingStatus {
    PENDING_PAYMENT, PAID, CANCELLED, TIMEOUT;

    /** A live booking owns its seats. */
    public boolean isLive() {
        return this == PENDING_PAYMENT || this == PAID;
    }
}
