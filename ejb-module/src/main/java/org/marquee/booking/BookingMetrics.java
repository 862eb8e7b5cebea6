package org.marquee.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The booking context's counters and latencies in /metrics (application scope, prefix marquee_). */
@ApplicationScoped
public class BookingMetrics {

    @Inject
    private MetricRegistry registry;

    public void holdCreated(int seats, Duration took) {
        registry.counter("marquee_holds_created_total").inc();
        registry.counter("marquee_seats_held_total").inc(seats);
        registry.timer("marquee_hold_duration").update(took);
    }

    /** One batch of holds committed (group commit): its size. */
    public void holdBatch(int size) {
        registry.histogram("marquee_hold_batch_size").update(size);
    }

    /** A batch of holds failed as a whole and its members were run one by one. */
    public void holdBatchRetried() {
        registry.counter("marquee_hold_batches_retried_total").inc();
    }

    /** One batch of a confirm's step ({@code open} or {@code pay}) committed: its size. */
    public void confirmBatch(String step, int size) {
        registry.histogram("marquee_confirm_batch_size", new Tag("step", step)).update(size);
    }

    public void holdsExpired(int bookings) {
        registry.counter("marquee_holds_expired_total").inc(bookings);
    }

    public void holdReleased() {
        registry.counter("marquee_holds_released_total").inc();
    }

    public void conflict() {
        registry.counter("marquee_hold_conflicts_total").inc();
    }

    public void paid(int seats, Duration took) {
        registry.counter("marquee_bookings_paid_total").inc();
        registry.counter("marquee_seats_sold_total").inc(seats);
        registry.timer("marquee_confirm_duration").update(took);
    }

    public void cancelled() {
        registry.counter("marquee_bookings_cancelled_total").inc();
    }

    public void repaired(String kind, int count) {
        if (count > 0) {
            registry.counter("marquee_reconciler_repairs_total", new Tag("kind", kind)).inc(count);
        }
    }
}
