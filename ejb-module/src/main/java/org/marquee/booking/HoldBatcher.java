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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Group commit of holds on this node ({@link GroupCommit}): the holds waiting when the previous batch
 * commits (up to {@value #MAX_BATCH}) run as one transaction of {@link HoldBatches}, ordered and split by
 * {@link HoldBatchPlan}. A request's answer is given after its batch has committed and its seats are in
 * the seat-holds cache, by a small pool of answering threads (the API resumes its asynchronous responses
 * there), so the batcher goes on to the next batch at once.
 */
@ApplicationScoped
public class HoldBatcher {

    static final int MAX_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(HoldBatcher.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** A hold waiting for its batch, and when it was submitted (for the hold-duration metric). */
    private record Queued(Member member, long submittedNanos) {
    }

    @EJB
    private HoldBatches batches;

    @EJB
    private SeatHolds holds;

    @EJB
    private IdempotencyStore idempotency;

    @Inject
    private BookingMetrics metrics;

    private ExecutorService answering;
    private GroupCommit<Queued, HoldAnswer> group;

    @PostConstruct
    void start() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        AtomicInteger n = new AtomicInteger();
        answering = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "marquee-hold-answers-" + n.incrementAndGet());
            t.setContextClassLoader(application);
            t.setDaemon(true);
            return t;
        });
        group = new GroupCommit<>("marquee-hold-batcher", MAX_BATCH, arrived -> {
            HoldBatchPlan<Queued> plan = HoldBatchPlan.of(arrived, q -> q.member().command());
            return new GroupCommit.Split<>(plan.members(), plan.deferred());
        }, this::run, this::failedAlone, metrics.holdBatches(), answering);
        group.start();
    }

    /** Starts the batcher with the application rather than at the first hold. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object start) {
        group.toString();
    }

    @PreDestroy
    void stop() {
        group.stop();
        answering.shutdown();
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
            Set<UUID> alreadyHeld = holds.held(command.seatIds());
            if (!alreadyHeld.isEmpty()) {
                metrics.conflict();
                throw new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, alreadyHeld.size() + " of the chosen seats are held by someone else",
                        List.of(), Map.of("unavailableSeatIds", List.copyOf(alreadyHeld)));
            }
        }
        return group.submit(new Queued(new Member(command, bodies), System.nanoTime()));
    }

    /** One batch: the transaction, then (committed) the seat-holds cache and the metrics. */
    private List<HoldAnswer> run(List<Queued> queued) {
        List<HoldAnswer> answers = batches.run(queued.stream().map(Queued::member).toList());
        long now = System.nanoTime();
        List<SeatHolds.HeldSeats> held = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            HoldAnswer answer = answers.get(i);
            if (answer instanceof Held h) {
                BookingView view = h.view();
                held.add(new SeatHolds.HeldSeats(view.seats().stream().map(BookingView.BookedSeat::id).toList(), view.id(), view.eventId(),
                        view.expiresAt()));
                metrics.holdCreated(view.seats().size(), Duration.ofNanos(now - queued.get(i).submittedNanos()));
            } else if (answer instanceof Refused refused && refused.refusal().code() == ProblemCode.SEATS_UNAVAILABLE) {
                metrics.conflict();
            }
        }
        if (!held.isEmpty()) {
            holds.put(held);
        }
        return answers;
    }

    /** A batch of one failed: a key answered meanwhile is replayed, a lock wait is a 409 to retry, anything else fails the request. */
    private HoldAnswer failedAlone(Queued queued, RuntimeException e) {
        IdempotencyStore.Key key = queued.member().command().key();
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
                idempotency.recordAfterwards(key, busy.code().status(), queued.member().bodies().refused(busy));
            }
            return new Refused(busy);
        }
        LOG.log(Level.WARNING, "a hold failed", e);
        throw e;
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
