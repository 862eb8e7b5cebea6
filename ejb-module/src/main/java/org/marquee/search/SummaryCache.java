package org.marquee.search;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Facet counts and exact totals of recent queries, per node. Counting a broad query (every upcoming
 * event, a common word) means visiting every matching document, which at a million events costs far
 * more than finding the page of hits; the counts are the same for every page of a query and only change
 * when the index does. An entry is therefore valid for one index version (every applied outbox batch
 * makes a new one) and at most {@link #TTL} (time moves events out of "upcoming"), and the cache keeps
 * the {@link #MAX_ENTRIES} most recently used queries.
 */
public final class SummaryCache {

    static final Duration TTL = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 2000;

    /** Exact total and facet counts of one query. */
    public record Summary(long total, Map<String, Map<String, Long>> facets) {
    }

    private record Entry(long version, long expiresAt, Summary summary) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public Summary get(String key, long version, Supplier<Summary> compute) {
        long now = System.nanoTime();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.version() == version && now - e.expiresAt() < 0) {
                return e.summary();
            }
        }
        Summary computed = compute.get();
        synchronized (entries) {
            entries.put(key, new Entry(version, now + TTL.toNanos(), computed));
        }
        return computed;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
