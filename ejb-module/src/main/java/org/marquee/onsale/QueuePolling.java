package org.marquee.onsale;

import java.util.UUID;

/**
 * When a waiting buyer should poll again. A crowd that polls on a fixed beat hits the server in waves,
 * and one that polls fast while its turn is an hour away wastes most of its polls: so the interval
 * grows with the wait (a quarter of it, between 2 and 20 s, Cloudflare's refresh) and each ticket is
 * spread within ±25 % of that by a fraction fixed by its id, never beyond the expected admission.
 * Ten million buyers polling every 20 s is 500,000 polls/s; the same crowd, mostly hours away, polls
 * far less than that on this schedule.
 */
public final class QueuePolling {

    static final long MIN_SECONDS = 2;
    static final long MAX_SECONDS = 20;

    private QueuePolling() {
    }

    public static long nextPollSeconds(UUID ticket, long estimatedWaitSeconds) {
        if (estimatedWaitSeconds <= MIN_SECONDS) {
            return 1;
        }
        long base = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, estimatedWaitSeconds / 4));
        double spread = Math.floorMod(ticket.getLeastSignificantBits() ^ ticket.getMostSignificantBits(), 1000L) / 1000.0;
        long next = Math.round(base * (0.75 + spread / 2));
        return Math.max(1, Math.min(next, estimatedWaitSeconds));
    }
}
