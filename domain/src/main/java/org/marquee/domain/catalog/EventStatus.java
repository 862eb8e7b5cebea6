package org.marquee.domain.catalog;

import java.time.Instant;

/**
 * The status of an event as fans see it. It is never stored: it follows from the clock, the sale
 * window, cancellation and whether anything is left to sell.
 */
public enum EventStatus {
    SCHEDULED, ON_SALE, SOLD_OUT, CANCELLED, ENDED;

    public static EventStatus of(Event event, Instant now, boolean anythingLeft) {
        return of(event.getCancelledAt() != null, event.getStartAt(), event.getEndAt(), event.getSaleStartAt(),
                event.getSaleEndAt(), now, anythingLeft);
    }

    public static EventStatus of(boolean cancelled, Instant startAt, Instant endAt, Instant saleStartAt, Instant saleEndAt,
                                 Instant now, boolean anythingLeft) {
        if (cancelled) {
            return CANCELLED;
        }
        Instant over = endAt != null ? endAt : startAt;
        if (!now.isBefore(over)) {
            return ENDED;
        }
        if (now.isBefore(saleStartAt)) {
            return SCHEDULED;
        }
        if (!now.isBefore(saleEndAt)) {
            // sale closed, event not yet over: nothing more can be bought
            return anythingLeft ? SCHEDULED : SOLD_OUT;
        }
        return anythingLeft ? ON_SALE : SOLD_OUT;
    }
}
