package org.marquee.catalog;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.catalog.Category;
import org.marquee.domain.catalog.EventStatus;

/** One event in a list or search result (the upcoming list and search): enough to choose, not the whole event. */
public record EventSummary(UUID id, String name, Category category, EventStatus status, Instant startAt,
                           Place venue, @Schema(pattern = "^[0-9]+\\.[0-9]{2}$", example = "70.00", description = "decimal string") String minPrice, String currency, int available) {

    @Schema(name = "EventPlace")
    public record Place(String name, String city, String country) {
    }
}
