package org.marquee.onsale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.marquee.metrics.MetricHandles;

/** The on-sale limits and the waiting rooms in /metrics (application scope, prefix marquee_). */
@ApplicationScoped
public class OnSaleMetrics {

    @Inject
    private MetricRegistry registry;

    private MetricHandles metrics;

    @PostConstruct
    void lookUpOnce() {
        metrics = new MetricHandles(registry);
    }

    void refused(String reason) {
        metrics.counter("marquee_hold_refusals_total", "reason", reason).inc();
    }

    void joined() {
        metrics.counter("marquee_queue_joins_total").inc();
    }

    /** A queue poll answered from PostgreSQL: the ticket was neither in a draw nor in the cache. */
    void ticketRead() {
        metrics.counter("marquee_queue_ticket_reads_total").inc();
    }

    void registerRooms(WaitingRooms rooms) {
        registry.gauge(Metadata.builder().withName("marquee_waiting_rooms_enabled")
                .withDescription("Events whose holds need an admission token").build(), rooms, WaitingRooms::enabledRooms);
    }

    void registerLimit(String name, int value) {
        registry.gauge(Metadata.builder().withName("marquee_hold_limit")
                        .withDescription("Configured hold limits: attempts a minute per account or address, live holds per event (0 = off)").build(),
                () -> value, new Tag("limit", name));
    }
}
