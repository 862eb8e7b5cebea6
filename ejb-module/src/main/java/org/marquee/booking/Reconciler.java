package org.marquee.booking;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.domain.payment.Payment;
import org.marquee.payment.PaymentMetrics;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.payment.Payments;

/**
 * Repairs drift, and counts each repair in /metrics ({@code marquee_reconciler_repairs_total{kind}}):
 * <ul>
 * <li>cache vs database (once a minute): held seats missing from {@code seat-holds} are added, entries for seats no
 *     longer held are removed;</li>
 * <li>payments vs bookings: an authorisation whose booking was paid is captured, one whose booking was
 *     not paid after a minute is voided, and money due back is voided (VOID_PENDING) or refunded
 *     (REFUND_PENDING). A capture without a PAID booking cannot be recorded (the database refuses it):
 *     such money is REFUND_PENDING and refunded here. A step the provider refuses, or that keeps failing
 *     past {@code marquee.payment.attention-after-seconds}, leaves the payment NEEDS_ATTENTION: never
 *     retried again by itself, counted in {@code marquee_payments_needing_attention}, ended by staff
 *     ({@link PaymentAttention});</li>
 * <li>unknown answers: a payment left PENDING for two minutes (its confirm died mid-call), and a
 *     payment that FAILED by timeout or provider error half a minute ago (the provider may have acted
 *     after all), are looked up at the provider once: money there is given back;</li>
 * <li>bookings still live on a cancelled event are released and refunded.</li>
 * </ul>
 * Runs on every node; each repair is idempotent.
 * {@code @Startup} for the reason {@link ExpirySweeper} gives.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    static final int UNPAID_AUTHORISATION_GRACE_SECONDS = 60;
    /** Longer than any confirm can wait for the provider (timeouts and retries included). */
    static final int STUCK_PENDING_SECONDS = 120;

    @EJB
    private BookingTransactions transactions;

    @EJB
    private SeatHolds holds;

    @EJB
    private Payments payments;

    @EJB
    private BookingService bookings;

    @Inject
    private BookingMetrics metrics;

    @Inject
    private PaymentMetrics paymentMetrics;

    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * The cache pass reads every held seat and the whole cache: in a busy sale, with a hundred thousand
     * live holds, the largest part of the reconciler's CPU. Drift there costs only retries (PostgreSQL
     * refuses a seat the cache missed; a stale entry ends with its hold's expiry at the latest), so it runs
     * on every fourth tick, once a minute, while payments are looked at every 15 s.
     */
    static final int CACHE_PASS_EVERY_TICKS = 4;
    private long ticks;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "reconciler")
    public void reconcile() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (ticks++ % CACHE_PASS_EVERY_TICKS == 0) {
                reconcileCache();
            }
            reconcileCancelledEvents();
            reconcilePayments();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reconciliation failed; the next run retries", e);
        } finally {
            running.set(false);
        }
    }

    void reconcileCache() {
        Map<UUID, BookingTransactions.HeldSeat> database = transactions.liveHolds();
        Map<UUID, UUID> cache = holds.snapshot();
        int missing = 0;
        for (BookingTransactions.HeldSeat held : database.values()) {
            if (!held.booking().equals(cache.get(held.seat()))) {
                holds.put(List.of(held.seat()), held.booking(), held.event(), held.until());
                missing++;
            }
        }
        List<UUID> stale = cache.entrySet().stream()
                .filter(e -> database.get(e.getKey()) == null || !e.getValue().equals(database.get(e.getKey()).booking()))
                .map(Map.Entry::getKey).toList();
        holds.remove(stale);
        metrics.repaired("cache_missing_hold", missing);
        metrics.repaired("cache_stale_hold", stale.size());
    }

    void reconcilePayments() {
        int captured = 0;
        int voided = 0;
        for (Payment p : payments.open(PaymentStatus.AUTHORISED, 5, 200)) {
            if (transactions.isPaid(p)) {
                captured += payments.capture(p) ? 1 : 0;
            } else if (p.getUpdatedAt().isBefore(Instant.now().minusSeconds(UNPAID_AUTHORISATION_GRACE_SECONDS))) {
                voided += payments.voidAuthorisation(p) ? 1 : 0;
            }
        }
        for (Payment p : payments.open(PaymentStatus.VOID_PENDING, 5, 200)) {
            voided += payments.giveBack(p.getId()) ? 1 : 0;
        }
        int refunded = 0;
        for (Payment p : payments.open(PaymentStatus.REFUND_PENDING, 5, 200)) {
            refunded += payments.giveBack(p.getId()) ? 1 : 0;
        }
        // answers we never had: a confirm that died mid-call, or a provider that answered after we gave up
        int resolved = 0;
        for (Payment p : payments.open(PaymentStatus.PENDING, STUCK_PENDING_SECONDS, 100)) {
            resolved += payments.resolveUnknown(p) ? 1 : 0;
        }
        for (Payment p : payments.recentlyUnanswered(30, 30 + 2 * 15, 100)) {
            resolved += payments.resolveUnknown(p) ? 1 : 0;
        }
        metrics.repaired("payment_captured", captured);
        metrics.repaired("payment_voided", voided);
        metrics.repaired("payment_refunded", refunded);
        metrics.repaired("payment_resolved", resolved);
        paymentMetrics.needingAttention(payments.needingAttention());
    }

    /** Bookings still live on a cancelled event (the cancel's own release did not finish) are released and refunded. */
    void reconcileCancelledEvents() {
        int released = 0;
        for (UUID bookingId : transactions.liveBookingsOfCancelledEvents(100)) {
            released += bookings.release(bookingId);
        }
        metrics.repaired("cancelled_event_booking", released);
    }
}
