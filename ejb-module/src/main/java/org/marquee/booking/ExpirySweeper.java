package org.marquee.booking;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.booking.BookingTransactions.Released;

/**
 * Ends holds nobody paid for: every 2 seconds, on every node, in batches claimed with SKIP LOCKED so
 * nodes never wait for each other: seats return about 2 s after their hold's expiry, well within the
 * 10 s the API promises. It is the only thing that ends expired holds (see {@link SeatHolds}).
 * {@code @Startup}: a timer singleton created lazily by its first timeout can be created while the
 * application is being stopped, and Payara's singleton shutdown then fails on its own list
 * (ConcurrentModificationException), leaving the other singletons, the cache's cluster channel among
 * them, running.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());
    private static final int BATCH = 500;
    private static final int MAX_BATCHES_PER_TICK = 20;

    @EJB
    private BookingTransactions transactions;

    @EJB
    private SeatHolds holds;

    @Inject
    private BookingMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false, info = "hold expiry sweeper")
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
                Released released = transactions.expireDue(BATCH);
                holds.remove(released.seatIds());
                metrics.holdsExpired(released.bookings());
                if (released.bookings() < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Expiry sweep failed; the next one retries", e);
        } finally {
            running.set(false);
        }
    }
}
