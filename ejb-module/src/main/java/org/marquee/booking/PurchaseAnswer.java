package org.marquee.booking;

import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.persistence.Columns;
import org.marquee.domain.booking.Booking;

/** The second step of a confirm, as {@code booking_pay_batch} (V18) answered it for one request. */
sealed interface PurchaseAnswer {

    /** Bought: the PAID booking; {@code body} is its recorded answer when the request had an idempotency key. */
    record Paid(BookingView view, String body) implements PurchaseAnswer {
    }

    /**
     * Not bought; nothing changed but the payment. {@code voided}: its authorisation was marked VOID_PENDING
     * in the same transaction and must be given back.
     */
    record NotBought(Outcome outcome, boolean voided) implements PurchaseAnswer {
    }

    /** Why a purchase did not happen. */
    enum Outcome {
        PAID, NO_BOOKING, EXPIRED, ENDED, EVENT_CANCELLED, PAYMENT_RELEASED;

        static Outcome of(String outcome) {
            return Columns.enumValue(Outcome.class, outcome, "booking_pay_batch's outcome");
        }

        MarqueeException refusal(UUID bookingId) {
            return switch (this) {
                case NO_BOOKING -> MarqueeException.notFound("Booking", bookingId);
                case EXPIRED -> new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold expired before the payment completed; nothing was charged");
                case ENDED -> new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold on these seats has ended");
                case EVENT_CANCELLED -> new MarqueeException(ProblemCode.CONFLICT, "The event was cancelled; nothing was charged");
                case PAYMENT_RELEASED -> new MarqueeException(ProblemCode.PAYMENT_UNAVAILABLE,
                        "The payment authorisation was released before the purchase; try again");
                case PAID -> throw new IllegalStateException("PAID is not a refusal");
            };
        }
    }
}
