package org.marquee.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fixed random sample of the index, for counting queries that match too many events to count exactly.
 * Every event falls in one of {@link #BUCKETS} buckets by a hash of its id (generated ids may be sequential,
 * so the id's own bits are mixed first); a sample of {@code m} buckets holds about {@code m / BUCKETS} of
 * every query's matches, and counts over it, scaled by {@code BUCKETS / m}, estimate the query's counts.
 */
public final class SearchSample {

    public static final int BUCKETS = 1024;

    private SearchSample() {
    }

    /** The bucket of an event, 0 to {@link #BUCKETS} - 1. */
    public static int bucket(UUID id) {
        long h = id.getMostSignificantBits() * 0x9E3779B97F4A7C15L + id.getLeastSignificantBits();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) (h >>> 54); // the top 10 bits
    }

    /** How many buckets hold about {@code docs} of an index of {@code indexed} events (at least one, at most all). */
    public static int bucketsFor(long docs, long indexed) {
        if (indexed <= 0) {
            return BUCKETS;
        }
        long m = (docs * BUCKETS + indexed - 1) / indexed;
        return (int) Math.max(1, Math.min(BUCKETS, m));
    }

    /** A count over {@code buckets} buckets, scaled to the whole index. */
    public static long scale(long sampled, int buckets) {
        return Math.round((double) sampled * BUCKETS / buckets);
    }

    /** Counts over {@code buckets} buckets scaled to the whole index, in the same order. */
    public static Map<String, Long> scale(Map<String, Long> sampled, int buckets) {
        Map<String, Long> scaled = new LinkedHashMap<>();
        sampled.forEach((k, v) -> scaled.put(k, scale(v, buckets)));
        return scaled;
    }
}
