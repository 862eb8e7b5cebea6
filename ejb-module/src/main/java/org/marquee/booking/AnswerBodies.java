package org.marquee.booking;

import org.marquee.error.MarqueeException;

/**
 * Renders a request's answer as the API sends it, so that the idempotency record written in the batch's
 * transaction holds exactly the body the client gets. Supplied by the API with each keyed request.
 */
public interface AnswerBodies {

    /** The body of a booking answered with success (a hold's 201, a confirm's 200). */
    String booking(BookingView view);

    /** The problem body of a refusal (status {@code refusal.code().status()}). */
    String refused(MarqueeException refusal);
}
