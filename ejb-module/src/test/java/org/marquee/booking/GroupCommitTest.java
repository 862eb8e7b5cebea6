package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Counts what the group commit reports. */
    private static final class Counts implements GroupCommit.Observer {
        final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger splitUp = new AtomicInteger();

        @Override
        public void committed(int size) {
            committed.add(size);
        }

        @Override
        public void splitUp(int size) {
            splitUp.incrementAndGet();
        }
    }

    @Test
    void requestsWaitingTogetherRunAsOneBatchAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstBatchRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Counts counts = new Counts();
        GroupCommit<Integer, String> group = new GroupCommit<>("test", 64, batch -> {
            firstBatchRuns.countDown();
            await(release);
            return batch.stream().map(i -> "answer " + i).toList();
        }, (i, e) -> "alone " + i, counts);
        group.start();
        try {
            CompletableFuture<String> first = group.submit(0);
            assertTrue(firstBatchRuns.await(5, TimeUnit.SECONDS));
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                waiting.add(group.submit(i));      // these gather while the first batch runs
            }
            release.countDown();
            assertEquals("answer 0", first.get(5, TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) {
                assertEquals("answer " + i, waiting.get(i - 1).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 10), counts.committed, "a lone request waits for no one; the others share one batch");
        } finally {
            group.stop();
        }
    }

    @Test
    void stoppingWhenDoneRunsWhatIsQueuedWhileStoppingAtOnceFailsIt() throws Exception {
        CountDownLatch firstBatchRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, String> group = new GroupCommit<>("test", 64, batch -> {
            firstBatchRuns.countDown();
            await(release);
            ran.addAll(batch);
            return batch.stream().map(i -> "done " + i).toList();
        }, (i, e) -> "alone " + i, GroupCommit.Observer.NONE);
        group.start();
        CompletableFuture<String> first = group.submit(0);
        assertTrue(firstBatchRuns.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> queued = group.submit(1);
        new Thread(() -> {
            sleep(200);
            release.countDown();
        }).start();
        group.stopWhenDone(5_000);
        assertEquals("done 0", first.get(1, TimeUnit.SECONDS));
        assertEquals("done 1", queued.get(1, TimeUnit.SECONDS));
        assertEquals(List.of(0, 1), ran);

        GroupCommit<Integer, String> blocked = new GroupCommit<>("test", 64, batch -> {
            sleep(60_000);
            return batch.stream().map(i -> "late").toList();
        }, (i, e) -> "alone " + i, GroupCommit.Observer.NONE);
        blocked.start();
        blocked.submit(0);
        long started = System.nanoTime();
        blocked.stopWhenDone(300);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000, "gives up after its timeout");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBatchThatFailsWholeIsRunMemberByMemberSoOnlyTheBadOneFails() throws Exception {
        CountDownLatch firstBatchRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Counts counts = new Counts();
        GroupCommit<Integer, String> group = new GroupCommit<>("test", 64, batch -> {
            firstBatchRuns.countDown();
            await(release);
            if (batch.contains(13)) {
                throw new IllegalStateException("13 breaks its batch");
            }
            return batch.stream().map(i -> "ok " + i).toList();
        }, (i, e) -> {
            if (i == 13) {
                throw new IllegalArgumentException("13 fails alone");
            }
            return "alone " + i;
        }, counts);
        group.start();
        try {
            CompletableFuture<String> first = group.submit(1);
            assertTrue(firstBatchRuns.await(5, TimeUnit.SECONDS));
            CompletableFuture<String> twelve = group.submit(12);
            CompletableFuture<String> thirteen = group.submit(13);
            CompletableFuture<String> fourteen = group.submit(14);
            release.countDown();
            assertEquals("ok 1", first.get(5, TimeUnit.SECONDS));
            assertEquals("ok 12", twelve.get(5, TimeUnit.SECONDS));
            assertEquals("ok 14", fourteen.get(5, TimeUnit.SECONDS));
            CompletionException failed = assertThrows(CompletionException.class, thirteen::join);
            assertEquals("13 fails alone", failed.getCause().getMessage());
            assertThrows(IllegalArgumentException.class, () -> group.call(13), "call throws the failure as raised");
            assertEquals(1, counts.splitUp.get(), "a batch of several is split up; a batch of one fails alone");
        } finally {
            group.stop();
        }
    }

    @Test
    void aPlannerHoldsRequestsBackForTheNextBatch() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 64, arrived -> {
            // odd numbers wait for the next batch, unless they are all that arrived
            List<Integer> now = arrived.stream().filter(i -> i % 2 == 0).toList();
            return now.isEmpty() ? new GroupCommit.Split<>(arrived, List.of())
                    : new GroupCommit.Split<>(now, arrived.stream().filter(i -> i % 2 != 0).toList());
        }, batch -> {
            batches.add(batch);
            firstBatchRuns.countDown();
            await(release);
            return batch;
        }, (i, e) -> -1, GroupCommit.Observer.NONE, Runnable::run);
        group.start();
        try {
            CompletableFuture<Integer> zero = group.submit(0);
            assertTrue(firstBatchRuns.await(5, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> rest = List.of(group.submit(1), group.submit(2), group.submit(3), group.submit(4));
            release.countDown();
            assertEquals(0, zero.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < rest.size(); i++) {
                assertEquals(i + 1, rest.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(List.of(0), List.of(2, 4), List.of(1, 3)), batches);
        } finally {
            group.stop();
        }
    }

    @Test
    void aStoppedGroupTakesNoRequests() {
        GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 8, b -> b, (i, e) -> i, GroupCommit.Observer.NONE);
        assertThrows(IllegalStateException.class, () -> group.submit(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
