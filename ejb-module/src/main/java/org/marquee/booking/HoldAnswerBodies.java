package org.marquee.booking;

import org.marquee.error.MarqueeException;

/**
 * Renders a request's answer as the API sends it, so that the idempotency record written in the batch's
 * transaction holds exactly the body the client gets. Supplied by the API with each keyed request.
 */
public interface HoldAnswerBodies {

    /** The 201 body of a hold. */
    String held(BookingView view);

    /** The problem body of a refusal (status {@code refusal.code().status()}). */
    String refused(MarqueeException refusal);
}
