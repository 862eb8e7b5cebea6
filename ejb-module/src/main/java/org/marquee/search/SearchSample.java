package org.marquee.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed part of the index, for counting queries that match too many events to count exactly: a sample of
 * {@code m} of {@link #BUCKETS} buckets holds about {@code m / BUCKETS} of every segment's documents, so
 * about that share of every query's matches, and counts over it, scaled by {@code BUCKETS / m}, estimate
 * the query's counts.
 *
 * <p>In a large segment the sample is the first {@code m} documents of every run of {@link #BUCKETS}
 * (documents are numbered in the order they were written, so the runs spread over the whole segment):
 * intersecting a word's postings with runs of consecutive documents reads each postings block once,
 * where scattered documents would skip into a block for nearly every one of them. A small segment (recent
 * changes) would have only its first documents in the sample, so there each document is in the sample by a
 * hash of its number instead, in the same proportion.
 */
public final class SearchSample {

    public static final int BUCKETS = 1024;
    /** Segments of at least this many documents are sampled in runs. */
    static final int RUNS_FROM = 64 * BUCKETS;

    private SearchSample() {
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

    /** Whether document {@code doc} of a segment of {@code maxDoc} documents is in a sample of {@code buckets} buckets. */
    static boolean contains(int doc, int maxDoc, int buckets) {
        return maxDoc >= RUNS_FROM ? (doc & (BUCKETS - 1)) < buckets : scatteredBucket(doc) < buckets;
    }

    /** The first document at or after {@code target} in the sample, or {@code maxDoc} when there is none. */
    static int next(int target, int maxDoc, int buckets) {
        int doc = target;
        if (maxDoc >= RUNS_FROM) {
            if ((doc & (BUCKETS - 1)) >= buckets) {
                doc = (doc | (BUCKETS - 1)) + 1; // the start of the next run
            }
        } else {
            while (doc < maxDoc && scatteredBucket(doc) >= buckets) {
                doc++;
            }
        }
        return Math.min(doc, maxDoc);
    }

    /** About how many of a segment's documents are in the sample. */
    static long size(int maxDoc, int buckets) {
        return maxDoc >= RUNS_FROM
                ? (long) (maxDoc / BUCKETS) * buckets + Math.min(maxDoc % BUCKETS, buckets)
                : (long) maxDoc * buckets / BUCKETS + 1;
    }

    private static int scatteredBucket(int doc) {
        int h = doc * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return (h >>> 22) & (BUCKETS - 1); // the top 10 bits
    }
}
