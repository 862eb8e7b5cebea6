package org.marquee.search;

import java.util.List;
import java.util.Map;
import org.marquee.catalog.EventSummary;

/**
 * A page of search hits ({@code GET /api/v1/events/search}): the list page shape plus facet counts of the whole result by
 * category and by city, most frequent first.
 */
public record SearchPage(long total, int page, int size, List<EventSummary> items, Map<String, Map<String, Long>> facets) {
}
