package org.marquee.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: requests queued by {@link #submit} are run together by one thread of its own, as one
 * call of {@code batch} (one transaction, one database round trip, one COMMIT). The thread takes whatever
 * is waiting (up to {@code maxBatch}) without waiting for more: while a batch runs the next gathers, so
 * batches grow with the load and a lone request waits for no one. A batch that fails as a whole is run
 * again member by member through {@code alone}, so no member's failure fails the others.
 *
 * <p>Answers complete on the batcher's thread, so a waiter should block on its future (a request thread
 * waiting for its answer) rather than chain work onto it.
 *
 * <p>A plain platform thread, not a managed executor: handing a task to a managed executor captures the
 * caller's context, which on Payara scans the class path for every task.
 *
 * @param <T> a request
 * @param <R> its answer
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private record Pending<T, R>(T request, CompletableFuture<R> answer) {
    }

    private final String name;
    private final int maxBatch;
    private final Function<List<T>, List<R>> batch;
    private final BiFunction<T, RuntimeException, R> alone;
    private final IntConsumer batchRan;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param batch    runs requests in one transaction; answers in the requests' order
     * @param alone    the answer of a request whose batch of one failed with that exception; may throw, failing the request
     * @param batchRan told the size of every batch that committed
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, List<R>> batch, BiFunction<T, RuntimeException, R> alone,
                       IntConsumer batchRan) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.alone = alone;
        this.batchRan = batchRan;
    }

    /** Starts the thread, with the caller's context class loader (the application's). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread; requests still waiting fail. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        List<Pending<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new IllegalStateException("the application is stopping")));
    }

    /** Queues a request; its answer completes once its batch has committed (or failed). */
    public CompletableFuture<R> submit(T request) {
        if (!running) {
            throw new IllegalStateException("the application is stopping");
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        queue.add(new Pending<>(request, answer));
        return answer;
    }

    /** Queues a request and waits for its answer; a failure is thrown as it was raised. */
    public R call(T request) {
        try {
            return submit(request).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void loop() {
        while (running) {
            List<Pending<T, R>> arrived = new ArrayList<>();
            try {
                Pending<T, R> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                arrived.add(first);
                queue.drainTo(arrived, maxBatch - 1);
                run(arrived);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                arrived.forEach(p -> p.answer().completeExceptionally(e));
                return;
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, name + ": a batch failed", e);
                arrived.forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private void run(List<Pending<T, R>> members) {
        List<R> answers;
        try {
            answers = batch.apply(members.stream().map(Pending::request).toList());
            batchRan.accept(members.size());
        } catch (RuntimeException whole) {
            if (members.size() > 1) {
                LOG.log(Level.FINE, name + ": a batch of " + members.size() + " failed; running its members one by one", whole);
            }
            for (Pending<T, R> member : members) {
                try {
                    R answer;
                    try {
                        answer = members.size() == 1 ? alone.apply(member.request(), whole)
                                : batch.apply(List.of(member.request())).get(0);
                    } catch (RuntimeException e) {
                        answer = alone.apply(member.request(), e);
                    }
                    member.answer().complete(answer);
                } catch (RuntimeException e) {
                    member.answer().completeExceptionally(e);
                }
            }
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i).answer().complete(answers.get(i));
        }
    }
}
