package org.marquee.catalog;

import java.util.List;

/** A page of events: {total, page, size, items}. */
public record EventPage(long total, int page, int size, List<EventSummary> items) {
}
