package org.marquee.catalog;

import java.time.Instant;

/**
 * The status of an event as fans see it. It is never stored: it follows from the clock, the sale
 * window, cancellation and whether anything is left to sell.
 */
public enum EventStatus {
    SCHEDULED, ON_SALE, SOLD_OUT, CANCELLED, ENDED;

    public static EventStatus of(Event event, Instant now, boolean anythingLeft) {
        if (event.getCancelledAt() != null) {
            return CANCELLED;
        }
        Instant over = event.getEndAt() != null ? event.getEndAt() : event.getStartAt();
        if (!now.isBefore(over)) {
            return ENDED;
        }
        if (now.isBefore(event.getSaleStartAt())) {
            return SCHEDULED;
        }
        if (!now.isBefore(event.getSaleEndAt())) {
            // sale closed, event not yet over: nothing more can be bought
            return anythingLeft ? SCHEDULED : SOLD_OUT;
        }
        return anythingLeft ? ON_SALE : SOLD_OUT;
    }
}
