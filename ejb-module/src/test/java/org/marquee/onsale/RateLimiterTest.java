package org.marquee.onsale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long T0 = 1_000_000L;

    @Test
    void aFullMinuteAtOnceThenTheNextWaitsForItsToken() {
        RateLimiter limiter = new RateLimiter(60, 100);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.tryAcquire("a", T0), "attempt " + i);
        }
        // the refused attempt took a token too: two seconds until the balance is one again
        assertEquals(2_000, limiter.tryAcquire("a", T0));
        assertEquals(0, limiter.tryAcquire("a", T0 + 2_000), "waiting the Retry-After out is enough");
    }

    @Test
    void retryingEarlyPushesTheNextAllowedAttemptOut() {
        RateLimiter limiter = new RateLimiter(60, 100);
        for (int i = 0; i < 60; i++) {
            limiter.tryAcquire("a", T0);
        }
        assertEquals(2_000, limiter.tryAcquire("a", T0));
        assertEquals(2_000, limiter.tryAcquire("a", T0 + 1_000));
        assertEquals(2_000, limiter.tryAcquire("a", T0 + 2_000));
    }

    @Test
    void hammeringCostsAtMostAMinute() {
        RateLimiter limiter = new RateLimiter(60, 100);
        long wait = 0;
        for (int i = 0; i < 10_000; i++) {
            wait = limiter.tryAcquire("a", T0);
        }
        assertEquals(61_000, wait);
        assertEquals(0, limiter.tryAcquire("a", T0 + 61_000));
    }

    @Test
    void tokensComeBackWithTimeButNeverAboveTheBucket() {
        RateLimiter limiter = new RateLimiter(2, 100);
        assertEquals(0, limiter.tryAcquire("a", T0));
        assertEquals(0, limiter.tryAcquire("a", T0));
        assertEquals(60_000, limiter.tryAcquire("a", T0));
        // an hour later the bucket is full again, not 120 tokens deep
        long later = T0 + 3_600_000;
        assertEquals(0, limiter.tryAcquire("a", later));
        assertEquals(0, limiter.tryAcquire("a", later));
        assertEquals(60_000, limiter.tryAcquire("a", later));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 100);
        assertEquals(0, limiter.tryAcquire("a", T0));
        assertEquals(120_000, limiter.tryAcquire("a", T0));
        assertEquals(0, limiter.tryAcquire("b", T0));
    }

    @Test
    void theLeastRecentlyUsedKeyIsForgottenAndStartsFull() {
        RateLimiter limiter = new RateLimiter(1, 2);
        assertEquals(0, limiter.tryAcquire("a", T0));
        assertEquals(0, limiter.tryAcquire("b", T0));
        assertEquals(120_000, limiter.tryAcquire("a", T0), "a is now the most recently used");
        assertEquals(0, limiter.tryAcquire("c", T0));
        assertEquals(0, limiter.tryAcquire("b", T0), "b was dropped for c: it starts with a full bucket");
        assertEquals(120_000, limiter.tryAcquire("c", T0), "c was kept, with its spent token");
        assertEquals(0, limiter.tryAcquire("a", T0), "a was dropped for b, debt and all");
    }

    @Test
    void zeroPerMinuteSwitchesItOff() {
        RateLimiter limiter = new RateLimiter(0, 100);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, limiter.tryAcquire("a", T0));
        }
    }

    @Test
    void eachOfThreeNodesAllowsAThirdSoTheClusterAllowsTheWhole() {
        RateLimiter[] nodes = {new RateLimiter(30, 100), new RateLimiter(30, 100), new RateLimiter(30, 100)};
        int allowed = 0;
        // a balancer sending the client's attempts to the nodes in turn
        for (int i = 0; i < 90; i++) {
            allowed += nodes[i % 3].tryAcquire("a", T0, 3) == 0 ? 1 : 0;
        }
        assertEquals(30, allowed);
        // and a node's share refills at a third of the rate: 6 s for one attempt
        assertEquals(0, nodes[0].tryAcquire("b", T0, 3));
        for (int i = 0; i < 9; i++) {
            nodes[0].tryAcquire("b", T0, 3);
        }
        assertEquals(12_000, nodes[0].tryAcquire("b", T0, 3));
    }

    @Test
    void aShareIsNeverBelowOneAttempt() {
        RateLimiter limiter = new RateLimiter(2, 100);
        assertEquals(0, limiter.tryAcquire("a", T0, 5));
        assertEquals(120_000, limiter.tryAcquire("a", T0, 5));
    }
}
