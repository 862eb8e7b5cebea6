package org.marquee.search;

import java.time.Instant;
import org.marquee.domain.catalog.Category;

/**
 * A search request, already validated (see the API resource): words to look for (any text; null or
 * blank = everything, soonest first), bounds on the start, city and category filters, whether
 * cancelled and ended events count, and the page.
 */
public record SearchQuery(String q, Instant from, Instant to, String city, Category category,
                          boolean includePast, boolean includeCancelled, int page, int size) {
}
