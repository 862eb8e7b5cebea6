package org.marquee.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventStatusTest {

    private static final Instant SALE_START = Instant.parse("2027-05-01T10:00:00Z");
    private static final Instant SALE_END = Instant.parse("2027-06-01T18:00:00Z");
    private static final Instant START = Instant.parse("2027-06-01T19:00:00Z");
    private static final Instant END = Instant.parse("2027-06-01T23:00:00Z");

    private static EventStatus at(String now, boolean anythingLeft) {
        return EventStatus.of(false, START, END, SALE_START, SALE_END, Instant.parse(now), anythingLeft);
    }

    @Test
    void scheduledUntilTheSaleOpens() {
        assertEquals(EventStatus.SCHEDULED, at("2027-05-01T09:59:59Z", true));
        assertEquals(EventStatus.ON_SALE, at("2027-05-01T10:00:00Z", true));
    }

    @Test
    void onSaleWhileSomethingIsLeftElseSoldOut() {
        assertEquals(EventStatus.ON_SALE, at("2027-05-20T12:00:00Z", true));
        assertEquals(EventStatus.SOLD_OUT, at("2027-05-20T12:00:00Z", false));
    }

    @Test
    void afterTheSaleClosesUnsoldSeatsLeaveItScheduledNotOnSale() {
        assertEquals(EventStatus.SCHEDULED, at("2027-06-01T18:00:00Z", true));
        assertEquals(EventStatus.SOLD_OUT, at("2027-06-01T18:30:00Z", false));
    }

    @Test
    void endedOnceTheEventIsOverAndWithoutAnEndOnceItStarts() {
        assertEquals(EventStatus.SCHEDULED, at("2027-06-01T22:59:59Z", true), "running, sale closed");
        assertEquals(EventStatus.ENDED, at("2027-06-01T23:00:00Z", true));
        assertEquals(EventStatus.ENDED, at("2027-06-01T23:00:00Z", false));
        assertEquals(EventStatus.ENDED,
                EventStatus.of(false, START, null, SALE_START, SALE_END, START, true));
    }

    @Test
    void cancelledWinsOverEverything() {
        for (String now : new String[] {"2027-04-01T00:00:00Z", "2027-05-20T12:00:00Z", "2027-07-01T00:00:00Z"}) {
            assertEquals(EventStatus.CANCELLED,
                    EventStatus.of(true, START, END, SALE_START, SALE_END, Instant.parse(now), true), now);
        }
    }
}
