package org.marquee.onsale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueuePollingTest {

    @Test
    void almostAdmittedPollsEverySecond() {
        assertEquals(1, QueuePolling.nextPollSeconds(UUID.randomUUID(), 0));
        assertEquals(1, QueuePolling.nextPollSeconds(UUID.randomUUID(), 2));
    }

    @Test
    void farFromTheFrontPollsAtMostEveryTwentyFiveSeconds() {
        for (int i = 0; i < 1_000; i++) {
            long next = QueuePolling.nextPollSeconds(UUID.randomUUID(), 3_600);
            assertTrue(next >= 15 && next <= 25, "next poll " + next);
        }
    }

    @Test
    void neverPollsAfterTheExpectedAdmission() {
        for (int i = 0; i < 1_000; i++) {
            long wait = 3 + i % 40;
            long next = QueuePolling.nextPollSeconds(UUID.randomUUID(), wait);
            assertTrue(next >= 1 && next <= wait, "wait " + wait + ", next poll " + next);
        }
    }

    @Test
    void ticketsAreSpreadButEachKeepsItsBeat() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(QueuePolling.nextPollSeconds(UUID.randomUUID(), 3_600));
        }
        assertTrue(seen.size() >= 8, "intervals seen: " + seen);
        UUID ticket = UUID.randomUUID();
        assertEquals(QueuePolling.nextPollSeconds(ticket, 400), QueuePolling.nextPollSeconds(ticket, 400));
    }
}
