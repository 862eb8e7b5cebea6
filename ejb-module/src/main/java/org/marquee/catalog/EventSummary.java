package org.marquee.catalog;

import java.time.Instant;
import java.util.UUID;

/** One event in a list or search result (the upcoming list and search): enough to choose, not the whole event. */
public record EventSummary(UUID id, String name, Category category, EventStatus status, Instant startAt,
                           Place venue, String minPrice, String currency, int available) {

    public record Place(String name, String city, String country) {
    }
}
