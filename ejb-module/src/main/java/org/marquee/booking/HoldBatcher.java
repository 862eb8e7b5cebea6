package org.marquee.booking;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.booking.HoldAnswer.Held;
import org.marquee.booking.HoldAnswer.Refused;
import org.marquee.booking.HoldAnswer.Replayed;
import org.marquee.booking.HoldBatches.Member;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.idempotency.IdempotencyStore;

/**
 * Group commit of holds on this node. Requests are queued by {@link #submit}; one thread of the batcher
 * takes whatever is waiting (up to {@value #MAX_BATCH}, without waiting for more) and runs it as one
 * transaction of {@link HoldBatches} (one database call and one COMMIT for all of them). While a batch
 * runs, the next one gathers in the queue, so batches grow with the load and a lone request waits for
 * no one. A request's answer is given after its batch has committed and its seats are in the seat-holds
 * cache, by a small pool of answering threads, so the batcher goes on to the next batch at once.
 *
 * <p>If a batch fails as a whole (a database error, a lock wait over 2 s, a key met on another node),
 * its members are run again one by one, so no member's failure fails the others.
 *
 * <p>Plain platform threads of its own, not a managed executor: handing a task to a managed executor
 * captures the caller's context, which on Payara scans the class path for every task.
 */
@ApplicationScoped
public class HoldBatcher {

    static final int MAX_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(HoldBatcher.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private record Pending(Member member, long submitted, CompletableFuture<HoldAnswer> answer) {
    }

    @EJB
    private HoldBatches batches;

    @EJB
    private SeatHolds holds;

    @EJB
    private IdempotencyStore idempotency;

    @Inject
    private BookingMetrics metrics;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread batcher;
    private ExecutorService answering;

    @PostConstruct
    void start() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        running = true;
        batcher = new Thread(this::batches, "marquee-hold-batcher");
        batcher.setContextClassLoader(application);
        batcher.setDaemon(true);
        AtomicInteger n = new AtomicInteger();
        answering = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "marquee-hold-answers-" + n.incrementAndGet());
            t.setContextClassLoader(application);
            t.setDaemon(true);
            return t;
        });
        batcher.start();
    }

    /** Starts the batcher with the application rather than at the first hold. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object start) {
        queue.size();
    }

    @PreDestroy
    void stop() {
        running = false;
        batcher.interrupt();
        answering.shutdown();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new IllegalStateException("the application is stopping")));
    }

    /**
     * Queues a validated hold. Chosen seats the seat-holds cache knows to be held are refused at once,
     * without a database round trip.
     *
     * @param bodies renders the answer for the idempotency record; null when the request has no key
     * @return the answer, completed after the batch commits
     * @throws MarqueeException SEATS_UNAVAILABLE when the cache already knows a chosen seat is held
     */
    public CompletableFuture<HoldAnswer> submit(HoldCommand command, AnswerBodies bodies) {
        if (command.chosenSeats()) {
            Set<java.util.UUID> alreadyHeld = holds.held(command.seatIds());
            if (!alreadyHeld.isEmpty()) {
                metrics.conflict();
                throw new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, alreadyHeld.size() + " of the chosen seats are held by someone else",
                        List.of(), Map.of("unavailableSeatIds", List.copyOf(alreadyHeld)));
            }
        }
        if (!running) {
            throw new IllegalStateException("the application is stopping");
        }
        CompletableFuture<HoldAnswer> answer = new CompletableFuture<>();
        queue.add(new Pending(new Member(command, bodies), System.nanoTime(), answer));
        return answer;
    }

    private void batches() {
        List<Pending> carried = new ArrayList<>();
        while (running) {
            List<Pending> arrived = new ArrayList<>(carried);
            carried.clear();
            try {
                if (arrived.isEmpty()) {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    arrived.add(first);
                }
                queue.drainTo(arrived, MAX_BATCH - arrived.size());
                HoldBatchPlan<Pending> plan = HoldBatchPlan.of(arrived, p -> p.member().command());
                carried.addAll(plan.deferred());
                run(plan.members());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                arrived.forEach(p -> p.answer().completeExceptionally(e));
                return;
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, "hold batch failed", e);
                arrived.stream().filter(p -> !carried.contains(p)).forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private void run(List<Pending> members) {
        List<HoldAnswer> answers;
        try {
            answers = batches.run(members.stream().map(Pending::member).toList());
            metrics.holdBatch(members.size());
        } catch (RuntimeException whole) {
            if (members.size() == 1) {
                answers = new ArrayList<>();
                answers.add(failedAlone(members.get(0), whole));
            } else {
                LOG.log(Level.FINE, "a batch of " + members.size() + " holds failed; running them one by one", whole);
                metrics.holdBatchRetried();
                answers = new ArrayList<>();
                for (Pending member : members) {
                    HoldAnswer answer;
                    try {
                        answer = batches.run(List.of(member.member())).get(0);
                        metrics.holdBatch(1);
                    } catch (RuntimeException e) {
                        answer = failedAlone(member, e);
                    }
                    answers.add(answer);
                }
            }
        }
        committed(members, answers);
    }

    /** A batch of one failed: a lock wait is a 409 to retry, a key answered meanwhile is replayed, anything else is a server error (null). */
    private HoldAnswer failedAlone(Pending pending, RuntimeException e) {
        IdempotencyStore.Key key = pending.member().command().key();
        if (key != null) {
            var recorded = idempotency.find(key);
            if (recorded.isPresent()) {
                return recorded.get().getRequestHash().equals(key.requestHash())
                        ? new Replayed(recorded.get().getResponseStatus(), recorded.get().getResponseBody())
                        : new Refused(HoldBatches.conflict(key));
            }
        }
        if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
            MarqueeException busy = HoldOutcome.busy();
            if (key != null) {
                idempotency.recordAfterwards(key, busy.code().status(), pending.member().bodies().refused(busy));
            }
            return new Refused(busy);
        }
        LOG.log(Level.WARNING, "a hold failed", e);
        pending.answer().completeExceptionally(e);
        return null;
    }

    /** After the commit: the cache, the metrics, then the answers (on the answering threads). */
    private void committed(List<Pending> members, List<HoldAnswer> answers) {
        long now = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            HoldAnswer answer = answers.get(i);
            if (answer instanceof Held held) {
                BookingView view = held.view();
                holds.put(view.seats().stream().map(BookingView.BookedSeat::id).toList(), view.id(), view.eventId(), view.expiresAt());
                metrics.holdCreated(view.seats().size(), Duration.ofNanos(now - members.get(i).submitted()));
            } else if (answer instanceof Refused refused && refused.refusal().code() == ProblemCode.SEATS_UNAVAILABLE) {
                metrics.conflict();
            }
        }
        answering.execute(() -> {
            for (int i = 0; i < members.size(); i++) {
                if (answers.get(i) != null) {
                    members.get(i).answer().complete(answers.get(i));
                }
            }
        });
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
