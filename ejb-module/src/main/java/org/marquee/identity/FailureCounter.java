package org.marquee.identity;

import java.util.concurrent.ConcurrentMap;

/**
 * Counts recent login failures per key (an account or an address) in a shared map, so that every node
 * of a cluster counts the same failures (in production the map is the replicated Infinispan cache
 * {@code login-failures}; each entry a {@link LoginFailures} in its string form).
 * <p>
 * The first {@code freeFailures} attempts go through; from then on each attempt must wait
 * {@code baseDelayMillis × 2^(failures − freeFailures)} after the last failure, at most
 * {@code maxDelayMillis}. A key is forgotten {@code forgetMillis} after its last failure, or at once when
 * {@link #reset} is called. Every change is a compare-and-set on the map's entry, so attempts racing on
 * several nodes are each counted once.
 */
final class FailureCounter {

    private final String prefix;
    private final int freeFailures;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final long forgetMillis;
    private final ConcurrentMap<String, String> entries;

    /** {@code prefix} keeps the keys of several counters sharing one map apart. */
    FailureCounter(ConcurrentMap<String, String> entries, String prefix, int freeFailures, long baseDelayMillis,
                   long maxDelayMillis, long forgetMillis) {
        this.entries = entries;
        this.prefix = prefix;
        this.freeFailures = freeFailures;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.forgetMillis = Math.max(forgetMillis, maxDelayMillis);
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
    long tryAcquire(String key, long now) {
        if (!enabled()) {
            return 0;
        }
        String k = prefix + key;
        while (true) {
            String stored = entries.get(k);
            LoginFailures current = stored == null ? null : LoginFailures.decode(stored);
            if (current != null && now - current.lastFailureMillis() > forgetMillis) {
                current = null;
            }
            if (current != null && current.failures() >= freeFailures) {
                int doublings = Math.min(current.failures() - freeFailures, 30);
                long delay = Math.min(maxDelayMillis, baseDelayMillis << doublings);
                long wait = current.lastFailureMillis() + delay - now;
                if (wait > 0) {
                    return wait;
                }
            }
            String next = new LoginFailures(current == null ? 1 : current.failures() + 1, now).encode();
            boolean counted = stored == null ? entries.putIfAbsent(k, next) == null : entries.replace(k, stored, next);
            if (counted) {
                return 0;
            }
        }
    }

    /** The attempt counted by {@link #tryAcquire} did not fail after all: take it back. */
    void forgive(String key) {
        String k = prefix + key;
        while (true) {
            String stored = entries.get(k);
            if (stored == null) {
                return;
            }
            LoginFailures current = LoginFailures.decode(stored);
            boolean done = current.failures() <= 1
                    ? entries.remove(k, stored)
                    : entries.replace(k, stored, new LoginFailures(current.failures() - 1, current.lastFailureMillis()).encode());
            if (done) {
                return;
            }
        }
    }

    /** Forget every failure of this key (a successful login to the account). */
    void reset(String key) {
        entries.remove(prefix + key);
    }
}
