package org.marquee.booking;

import org.marquee.error.MarqueeException;

/** The answer to one hold request of a batch, given once the batch has committed. */
public sealed interface HoldAnswer {

    /** Held; {@code body} is the rendered answer when the request had an idempotency key (recorded with the hold), else null. */
    record Held(BookingView view, String body) implements HoldAnswer {
    }

    /** Refused; the request changed nothing. */
    record Refused(MarqueeException refusal) implements HoldAnswer {
    }

    /** The request's idempotency key already had this answer (same request). */
    record Replayed(int status, String body) implements HoldAnswer {
    }
}
