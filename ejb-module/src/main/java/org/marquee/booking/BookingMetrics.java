package org.marquee.booking;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.marquee.metrics.MetricHandles;

/** The booking context's counters and latencies in /metrics (application scope, prefix marquee_). */
@ApplicationScoped
public class BookingMetrics {

    @Inject
    private MetricRegistry registry;

    private MetricHandles metrics;

    @PostConstruct
    void lookUpOnce() {
        metrics = new MetricHandles(registry);
    }

    public void holdCreated(int seats, Duration took) {
        metrics.counter("marquee_holds_created_total").inc();
        metrics.counter("marquee_seats_held_total").inc(seats);
        metrics.timer("marquee_hold_duration").update(took);
    }

    /** The group commit of holds: each batch's size, and the batches that failed whole and were run one by one. */
    GroupCommit.Observer holdBatches() {
        return observer("marquee_hold_batch_size", "marquee_hold_batches_retried_total");
    }

    /** The group commit of a confirm's step ({@code open} or {@code pay}). */
    GroupCommit.Observer confirmBatches(String step) {
        return observer("marquee_confirm_" + step + "_batch_size", "marquee_confirm_" + step + "_batches_retried_total");
    }

    private GroupCommit.Observer observer(String sizes, String retried) {
        return new GroupCommit.Observer() {
            @Override
            public void committed(int size) {
                metrics.histogram(sizes).update(size);
            }

            @Override
            public void splitUp(int size) {
                metrics.counter(retried).inc();
            }
        };
    }

    public void holdsExpired(int bookings) {
        metrics.counter("marquee_holds_expired_total").inc(bookings);
    }

    public void holdReleased() {
        metrics.counter("marquee_holds_released_total").inc();
    }

    public void conflict() {
        metrics.counter("marquee_hold_conflicts_total").inc();
    }

    public void paid(int seats, Duration took) {
        metrics.counter("marquee_bookings_paid_total").inc();
        metrics.counter("marquee_seats_sold_total").inc(seats);
        metrics.timer("marquee_confirm_duration").update(took);
    }

    public void cancelled() {
        metrics.counter("marquee_bookings_cancelled_total").inc();
    }

    public void repaired(String kind, int count) {
        if (count > 0) {
            metrics.counter("marquee_reconciler_repairs_total", "kind", kind).inc(count);
        }
    }
}
