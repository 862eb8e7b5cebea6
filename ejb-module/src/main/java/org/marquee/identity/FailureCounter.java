package org.marquee.identity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts recent login failures per key (an account or an address), in memory, with bounded size.
 * <p>
 * The first {@code freeFailures} attempts go through; from then on each attempt must wait
 * {@code baseDelayMillis × 2^(failures − freeFailures)} after the last failure, at most
 * {@code maxDelayMillis}. A key is forgotten {@code forgetMillis} after its last failure, or at once when
 * {@link #reset} is called. At most {@code maxKeys} keys are kept: beyond that the least recently used
 * is dropped. Thread-safe; every operation is O(1) under one lock.
 */
final class FailureCounter {

    private final int freeFailures;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final long forgetMillis;
    private final Map<String, Entry> entries;

    private static final class Entry {
        int failures;
        long lastFailure;
    }

    FailureCounter(int freeFailures, long baseDelayMillis, long maxDelayMillis, long forgetMillis, int maxKeys) {
        this.freeFailures = freeFailures;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.forgetMillis = Math.max(forgetMillis, maxDelayMillis);
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Disabled when freeFailures is negative (e.g. for load tests). */
    boolean enabled() {
        return freeFailures >= 0;
    }

    /**
     * Milliseconds to wait before the next attempt for this key is allowed; 0 if it is allowed now, in which
     * case the attempt is counted as a failure right away (so that parallel attempts cannot all slip through
     * before the first one fails) until {@link #reset} or {@link #forgive} says otherwise.
     */
    synchronized long tryAcquire(String key, long now) {
        if (!enabled()) {
            return 0;
        }
        Entry e = live(key, now);
        if (e != null && e.failures >= freeFailures) {
            int doublings = Math.min(e.failures - freeFailures, 30);
            long delay = Math.min(maxDelayMillis, baseDelayMillis << doublings);
            long wait = e.lastFailure + delay - now;
            if (wait > 0) {
                return wait;
            }
        }
        if (e == null) {
            e = new Entry();
            entries.put(key, e);
        }
        e.failures++;
        e.lastFailure = now;
        return 0;
    }

    /** The attempt counted by {@link #tryAcquire} did not fail after all: take it back. */
    synchronized void forgive(String key) {
        Entry e = entries.get(key);
        if (e != null && --e.failures <= 0) {
            entries.remove(key);
        }
    }

    /** Forget every failure of this key (a successful login to the account). */
    synchronized void reset(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }

    private Entry live(String key, long now) {
        Entry e = entries.get(key);
        if (e != null && now - e.lastFailure > forgetMillis) {
            entries.remove(key);
            return null;
        }
        return e;
    }
}
