package org.marquee.booking;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.booking.ConfirmBatches.Opening;
import org.marquee.booking.ConfirmBatches.Purchase;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.payment.Payments;

/**
 * Group commit of confirms on this node ({@link GroupCommit}): the opening of payments and the purchases
 * that arrive together each run as one transaction of {@link ConfirmBatches}. What follows a purchase
 * and the buyer need not wait for (capturing the payment, forgetting the held seats in the cache) is
 * settled in batches by {@link #SETTLERS} more threads; a crash before it is made good by the reconciler, which captures
 * every authorised payment of a paid booking.
 */
@ApplicationScoped
public class ConfirmBatcher {

    static final int MAX_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(ConfirmBatcher.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** A paid booking's bookkeeping after the answer: its payment to capture and its seats to forget in the cache. */
    record Settlement(Payments.Capture capture, List<UUID> seats) {
    }

    @EJB
    private ConfirmBatches batches;

    @EJB
    private Payments payments;

    @EJB
    private SeatHolds holds;

    @Inject
    private BookingMetrics metrics;

    private GroupCommit<Opening, PaymentOpening> opening;
    private GroupCommit<Purchase, PurchaseAnswer> purchasing;
    /**
     * Settling threads. A batch's captures are one call to a provider that takes batches
     * ({@code Payments.captureAll}), so few threads keep up and their batches grow with the load; two, so
     * that one slow call (up to the 10 s settle timeout) does not stop every capture. Against a provider
     * without batches each capture is its own call, and the reconciler captures what they fall behind on.
     * Paid bookings are spread over these by turn.
     */
    static final int SETTLERS = 2;
    private final List<GroupCommit<Settlement, Boolean>> settling = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger nextSettler = new java.util.concurrent.atomic.AtomicInteger();

    @PostConstruct
    void start() {
        opening = new GroupCommit<>("marquee-payment-opener", MAX_BATCH, batches::open, (o, e) -> {
            throw failedAlone(e);
        }, metrics.confirmBatches("open"));
        purchasing = new GroupCommit<>("marquee-purchaser", MAX_BATCH, batches::pay, (p, e) -> {
            throw failedAlone(e);
        }, metrics.confirmBatches("pay"));
        for (int i = 0; i < SETTLERS; i++) {
            settling.add(new GroupCommit<>("marquee-settler-" + (i + 1), MAX_BATCH, this::settle, (s, e) -> {
                LOG.log(Level.WARNING, "settling payment " + s.capture().paymentId() + " failed; the reconciler captures it", e);
                return false;
            }, GroupCommit.Observer.NONE));
        }
        opening.start();
        purchasing.start();
        settling.forEach(GroupCommit::start);
    }

    /** Starts the threads with the application rather than at the first confirm. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object start) {
        opening.toString();
    }

    @PreDestroy
    void stop() {
        opening.stop();
        purchasing.stop();
        settling.forEach(settler -> settler.stopWhenDone(5_000));
    }

    PaymentOpening open(ConfirmCommand command, String provider) {
        return opening.call(new Opening(command, provider));
    }

    PurchaseAnswer pay(ConfirmCommand command, UUID paymentId, String reference) {
        return purchasing.call(new Purchase(command, paymentId, reference));
    }

    /** Hands a paid booking's capture and cache cleanup to a settling thread; returns at once. */
    void settleLater(Payments.Capture capture, List<UUID> seats) {
        settling.get(Math.floorMod(nextSettler.getAndIncrement(), SETTLERS)).submit(new Settlement(capture, seats));
    }

    private List<Boolean> settle(List<Settlement> settlements) {
        payments.captureAll(settlements.stream().map(Settlement::capture).toList());
        List<UUID> seats = new ArrayList<>();
        settlements.forEach(s -> seats.addAll(s.seats()));
        holds.remove(seats);
        return settlements.stream().map(s -> Boolean.TRUE).toList();
    }

    /** A batch of one failed: a lock wait is a 409 to retry; anything else is a server error. */
    private static RuntimeException failedAlone(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                return new MarqueeException(ProblemCode.CONFLICT, "The booking is being changed by another request right now; retry");
            }
        }
        return e;
    }
}
