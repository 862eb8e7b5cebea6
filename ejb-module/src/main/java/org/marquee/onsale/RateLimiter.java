package org.marquee.onsale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (an account or an address), in memory: {@code perMinute} attempts at once, then
 * one every {@code 60 s / perMinute}. Every attempt takes a token, the refused ones included (the debt is at
 * most a minute's worth), so the {@code Retry-After} it answers is exact for a client that waits it out. At most
 * {@code maxKeys} keys are kept (least recently used dropped: a forgotten key starts with a full bucket).
 * Thread-safe; O(1) under one lock. {@code perMinute} 0 switches it off.
 *
 * <p>With several nodes each keeps its own buckets and takes its share of the allowance ({@code nodes} in
 * {@link #tryAcquire(String, long, int)}): behind a balancer that spreads requests evenly the cluster as a
 * whole allows about {@code perMinute}, without a replicated write per attempt.
 */
final class RateLimiter {

    private final int perMinute;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;
    }

    RateLimiter(int perMinute, int maxKeys) {
        this.perMinute = perMinute;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    int perMinute() {
        return perMinute;
    }

    /** 0 if the attempt may go ahead, else the milliseconds until one would be allowed. */
    long tryAcquire(String key, long now) {
        return tryAcquire(key, now, 1);
    }

    /**
     * As {@link #tryAcquire(String, long)} for one node of {@code nodes}: this node's bucket holds and refills
     * {@code perMinute / nodes} tokens a minute (at least one).
     */
    synchronized long tryAcquire(String key, long now, int nodes) {
        if (perMinute <= 0) {
            return 0;
        }
        double share = Math.max(1.0, perMinute / (double) Math.max(1, nodes));
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.tokens = share;
            b.at = now;
            buckets.put(key, b);
        }
        b.tokens = Math.min(share, b.tokens + (now - b.at) * share / 60_000.0);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        // refused attempts count too: hammering pushes the next allowed one further out, by a minute at most
        b.tokens = Math.max(-share, b.tokens - 1);
        return (long) Math.ceil((1 - b.tokens) * 60_000.0 / share);
    }
}
