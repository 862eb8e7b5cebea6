package org.marquee.operations;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.marquee.booking.SeatHolds;
import org.marquee.cache.CacheContainer;
import org.marquee.catalog.EventViews;

/**
 * Gauges in /metrics: how often the view path had to load from PostgreSQL, and this node's picture of
 * the cluster (held seats in the replicated cache, Infinispan members).
 */
@ApplicationScoped
public class NodeMetrics {

    @Inject
    private MetricRegistry registry;

    @Inject
    private EventViews views;

    @EJB
    private SeatHolds holds;

    @EJB
    private CacheContainer caches;

    void register(@Observes @Initialized(ApplicationScoped.class) Object start) {
        registry.gauge(Metadata.builder().withName("marquee_event_view_loads_total")
                .withDescription("Event details loaded from the database into this node's view cache").build(),
                views, EventViews::viewLoads);
        registry.gauge(Metadata.builder().withName("marquee_event_availability_loads_total")
                .withDescription("Availability counts loaded from the database into this node's one-second cache").build(),
                views, EventViews::countLoads);
        registry.gauge(Metadata.builder().withName("marquee_seat_holds_cached")
                .withDescription("Held seats in this node's copy of the replicated seat-holds cache").build(),
                holds, SeatHolds::size);
        registry.gauge(Metadata.builder().withName("marquee_cluster_members")
                .withDescription("Infinispan cluster members this node sees").build(),
                caches, CacheContainer::clusterSize);
    }
}
