package org.marquee.operations;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.marquee.catalog.EventViews;

/** The view path in /metrics: how often event details and availability had to be loaded from PostgreSQL. */
@ApplicationScoped
public class CatalogMetrics {

    @Inject
    private MetricRegistry registry;

    @EJB
    private EventViews views;

    void register(@Observes @Initialized(ApplicationScoped.class) Object start) {
        registry.gauge(Metadata.builder().withName("marquee_event_view_loads_total")
                .withDescription("Event details loaded from the database into this node's view cache").build(),
                views, EventViews::viewLoads);
        registry.gauge(Metadata.builder().withName("marquee_event_availability_loads_total")
                .withDescription("Availability counts loaded from the database into this node's one-second cache").build(),
                views, EventViews::countLoads);
    }
}
