package org.marquee.booking;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: requests queued by {@link #submit} are run together by one thread of its own, as one
 * call of {@code batch} (one transaction, one database round trip, one COMMIT). The thread takes whatever
 * is waiting (up to {@code maxBatch}) without waiting for more: while a batch runs the next gathers, so
 * batches grow with the load and a lone request waits for no one. A batch that fails as a whole is run
 * again member by member through {@code alone}, so no member's failure fails the others.
 *
 * <p>A planner may hold some arrivals back for the next batch (e.g. a second request with a key already
 * in the batch). Answers complete on the batcher's thread, or on {@code answerOn} when work is chained
 * onto them (an asynchronous JAX-RS response), so the batcher goes on to the next batch at once.
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

    /** What a group commit reports, e.g. to metrics. */
    public interface Observer {
        /** Reports nothing. */
        Observer NONE = new Observer() {
            @Override
            public void committed(int size) {
            }

            @Override
            public void splitUp(int size) {
            }
        };

        /** A batch of {@code size} committed. */
        void committed(int size);

        /** A batch of {@code size} failed as a whole; its members are run one by one. */
        void splitUp(int size);
    }

    /** Which arrivals run in this batch, in their order, and which wait for the next one. */
    public record Split<T>(List<T> now, List<T> later) {
    }

    private final Function<List<T>, Split<T>> planner;
    private final Executor answerOn;

    private final String name;
    private final int maxBatch;
    private final Function<List<T>, List<R>> batch;
    private final BiFunction<T, RuntimeException, R> alone;
    private final Observer observer;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    /** Requests submitted and not yet answered. */
    private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
    private Thread thread;

    /**
     * @param batch    runs requests in one transaction; answers in the requests' order
     * @param alone    the answer of a request whose batch of one failed with that exception; may throw, failing the request
     * @param observer told of every batch that committed, and of every batch that failed whole
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, List<R>> batch, BiFunction<T, RuntimeException, R> alone,
                       Observer observer) {
        this(name, maxBatch, arrived -> new Split<>(arrived, List.of()), batch, alone, observer, Runnable::run);
    }

    /**
     * @param planner  splits what arrived into this batch (in run order) and what waits for the next
     * @param answerOn where answers are completed
     */
    public GroupCommit(String name, int maxBatch, Function<List<T>, Split<T>> planner, Function<List<T>, List<R>> batch,
                       BiFunction<T, RuntimeException, R> alone, Observer observer, Executor answerOn) {
        this.planner = planner;
        this.answerOn = answerOn;
        this.name = name;
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.alone = alone;
        this.observer = observer;
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

    /**
     * Stops once what is queued has run, or after {@code timeoutMillis}: for work the callers do not wait
     * for, so that a redeployment or an orderly shutdown does not drop it.
     */
    public void stopWhenDone(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (unanswered.get() > 0 && running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
    }

    /** Queues a request; its answer completes once its batch has committed (or failed). */
    public CompletableFuture<R> submit(T request) {
        if (!running) {
            throw new IllegalStateException("the application is stopping");
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        unanswered.incrementAndGet();
        answer.whenComplete((r, e) -> unanswered.decrementAndGet());
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
        List<Pending<T, R>> carried = new ArrayList<>();
        while (running) {
            List<Pending<T, R>> arrived = new ArrayList<>(carried);
            carried.clear();
            try {
                if (arrived.isEmpty()) {
                    Pending<T, R> first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    arrived.add(first);
                }
                queue.drainTo(arrived, maxBatch - arrived.size());
                Map<T, Pending<T, R>> byRequest = new IdentityHashMap<>();
                arrived.forEach(p -> byRequest.put(p.request(), p));
                Split<T> split = planner.apply(arrived.stream().map(Pending::request).toList());
                split.later().forEach(r -> carried.add(byRequest.get(r)));
                run(split.now().stream().map(byRequest::get).toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                arrived.forEach(p -> p.answer().completeExceptionally(e));
                return;
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, name + ": a batch failed", e);
                arrived.stream().filter(p -> !carried.contains(p)).forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private void run(List<Pending<T, R>> members) {
        List<R> answers;
        try {
            answers = batch.apply(members.stream().map(Pending::request).toList());
            observer.committed(members.size());
        } catch (RuntimeException whole) {
            if (members.size() > 1) {
                LOG.log(Level.FINE, name + ": a batch of " + members.size() + " failed; running its members one by one", whole);
                observer.splitUp(members.size());
            }
            List<Object> outcomes = new ArrayList<>(members.size());
            for (Pending<T, R> member : members) {
                try {
                    R answer;
                    try {
                        if (members.size() == 1) {
                            answer = alone.apply(member.request(), whole);
                        } else {
                            answer = batch.apply(List.of(member.request())).get(0);
                            observer.committed(1);
                        }
                    } catch (RuntimeException e) {
                        answer = alone.apply(member.request(), e);
                    }
                    outcomes.add(answer);
                } catch (RuntimeException e) {
                    outcomes.add(new Failure(e));
                }
            }
            answerOn.execute(() -> complete(members, outcomes));
            return;
        }
        List<Object> outcomes = new ArrayList<>(answers);
        answerOn.execute(() -> complete(members, outcomes));
    }

    /** A member that failed on its own. */
    private record Failure(RuntimeException cause) {
    }

    @SuppressWarnings("unchecked")
    private static <T, R> void complete(List<Pending<T, R>> members, List<Object> outcomes) {
        for (int i = 0; i < members.size(); i++) {
            if (outcomes.get(i) instanceof Failure f) {
                members.get(i).answer().completeExceptionally(f.cause());
            } else {
                members.get(i).answer().complete((R) outcomes.get(i));
            }
        }
    }
}
