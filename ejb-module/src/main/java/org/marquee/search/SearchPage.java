package org.marquee.search;

import java.util.List;
import java.util.Map;
import org.marquee.catalog.EventSummary;

/**
 * A page of search hits ({@code GET /api/v1/events/search}): the list page shape plus facet counts of the whole result by
 * category and by city, most frequent first. {@code exactCounts} false: the query matches so many events that
 * {@code total} and the facets are estimated from a sample of the index (docs/search.md).
 */
public record SearchPage(long total, int page, int size, List<EventSummary> items, Map<String, Map<String, Long>> facets,
                         boolean exactCounts) {
}
