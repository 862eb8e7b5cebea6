package org.marquee.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureCounterTest {

    private static final long HOUR = 3_600_000;

    private final ConcurrentMap<String, String> shared = new ConcurrentHashMap<>();

    private FailureCounter counter(int free) {
        return new FailureCounter(shared, "account:", free, 1000, 900_000, HOUR);
    }

    @Test
    void freeAttemptsPassThenEachWaitDoubles() {
        FailureCounter c = counter(2);
        long t = 1_000_000;
        assertEquals(0, c.tryAcquire("a", t));
        assertEquals(0, c.tryAcquire("a", t));
        assertEquals(1000, c.tryAcquire("a", t));
        assertEquals(0, c.tryAcquire("a", t + 1000));
        assertEquals(2000, c.tryAcquire("a", t + 1000));
        assertEquals(500, c.tryAcquire("a", t + 2500));
        assertEquals(0, c.tryAcquire("a", t + 3000));
        assertEquals(4000, c.tryAcquire("a", t + 3000));
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        FailureCounter c = counter(0);
        long t = 0;
        for (int i = 0; i < 40; i++) {
            long wait = c.tryAcquire("a", t);
            t += wait;
            if (wait > 0) {
                assertEquals(0, c.tryAcquire("a", t));
            }
        }
        assertEquals(900_000, c.tryAcquire("a", t));
    }

    @Test
    void aRefusedAttemptIsNotCounted() {
        FailureCounter c = counter(1);
        assertEquals(0, c.tryAcquire("a", 0));
        assertEquals(1000, c.tryAcquire("a", 0));
        assertEquals(1000, c.tryAcquire("a", 0));
        assertEquals("1|0", shared.get("account:a"));
    }

    @Test
    void nodesSharingTheMapShareTheCount() {
        FailureCounter node1 = counter(2);
        FailureCounter node2 = counter(2);
        assertEquals(0, node1.tryAcquire("a", 0));
        assertEquals(0, node2.tryAcquire("a", 0));
        assertTrue(node1.tryAcquire("a", 0) > 0, "the allowance is the cluster's, not each node's");
        assertTrue(node2.tryAcquire("a", 0) > 0);
    }

    @Test
    void resetAndForgiveTakeFailuresBack() {
        FailureCounter c = counter(1);
        assertEquals(0, c.tryAcquire("a", 0));
        c.reset("a");
        assertEquals(0, c.tryAcquire("a", 0));
        c.forgive("a");
        assertTrue(shared.isEmpty(), "forgiving the only failure removes the key");
        c.forgive("a");
        assertEquals(0, c.tryAcquire("a", 0));
        assertEquals(1000, c.tryAcquire("a", 0));
    }

    @Test
    void failuresAreForgottenAfterTheForgetTime() {
        FailureCounter c = counter(0);
        assertEquals(0, c.tryAcquire("a", 0));
        assertEquals(2000, c.tryAcquire("a", 0));
        assertEquals(0, c.tryAcquire("a", HOUR + 1));
        assertEquals("1|" + (HOUR + 1), shared.get("account:a"), "counting starts over");
    }

    @Test
    void prefixesKeepCountersApart() {
        FailureCounter accounts = counter(0);
        FailureCounter addresses = new FailureCounter(shared, "address:", 0, 1000, 900_000, HOUR);
        assertEquals(0, accounts.tryAcquire("x", 0));
        assertEquals(0, addresses.tryAcquire("x", 0));
    }

    @Test
    void aNegativeAllowanceSwitchesTheCounterOff() {
        FailureCounter c = counter(-1);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, c.tryAcquire("a", 0));
        }
        assertTrue(shared.isEmpty());
    }

    @Test
    void racingAttemptsAreEachCountedOnce() throws InterruptedException {
        FailureCounter c = counter(1000);
        int threads = 8;
        int each = 100;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger passed = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int j = 0; j < each; j++) {
                    if (c.tryAcquire("a", 0) == 0) {
                        passed.incrementAndGet();
                    }
                }
            });
            t.start();
            running.add(t);
        }
        start.countDown();
        for (Thread t : running) {
            t.join();
        }
        assertEquals(threads * each, passed.get());
        assertEquals(new LoginFailures(threads * each, 0), LoginFailures.decode(shared.get("account:a")));
    }

    @Test
    void aMalformedValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoginFailures.decode("12"));
        assertTrue(e.getMessage().contains("12"));
        assertThrows(IllegalArgumentException.class, () -> LoginFailures.decode("x|1"));
        assertEquals(new LoginFailures(3, 42), LoginFailures.decode(new LoginFailures(3, 42).encode()));
    }
}
