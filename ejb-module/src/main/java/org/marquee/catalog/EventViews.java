package org.marquee.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.Cache;
import org.marquee.cache.CacheContainer;
import org.marquee.catalog.EventView.SeatTypeView;
import org.marquee.outbox.Outbox;
import org.marquee.outbox.OutboxChange;

/**
 * The read path of an event, built to hold a crowd. Event details are cached per node and loaded by
 * one caller per key while the others wait for it (Infinispan's computeIfAbsent runs under the key's
 * lock), so a cold popular event costs one database load, not one per request. Availability comes from
 * a one-second cache of the sharded counters. A change invalidates the entry on the node that made it
 * as it commits, and on every other node through the outbox within about a second ({@link #onChange}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventViews {

    @EJB
    private CacheContainer caches;

    @EJB
    private EventCatalog catalog;

    private Cache<UUID, EventView> views;
    private Cache<UUID, Availability> counts;

    private final AtomicLong viewLoads = new AtomicLong();
    private final AtomicLong countLoads = new AtomicLong();

    @PostConstruct
    void init() {
        views = caches.cache(CacheContainer.EVENT_VIEWS);
        counts = caches.cache(CacheContainer.EVENT_COUNTS);
    }

    /** The event as fans see it now: cached details, availability at most a second old, status from the clock. */
    public EventView view(UUID id) {
        EventView details = views.computeIfAbsent(id, key -> {
            viewLoads.incrementAndGet();
            return catalog.find(key);
        });
        Availability availability = counts.computeIfAbsent(id, key -> {
            countLoads.incrementAndGet();
            return catalog.availability(key);
        });
        return withAvailability(details, availability, Instant.now());
    }

    /**
     * Availability of several events (a page of search hits) from the same one-second cache as the event
     * page: what is cached is reused, the rest is read in one query and cached.
     */
    public Map<UUID, Availability> availabilities(Collection<UUID> ids) {
        Map<UUID, Availability> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            Availability cached = counts.get(id);
            if (cached != null) {
                found.put(id, cached);
            } else if (!missing.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            countLoads.addAndGet(missing.size());
            Map<UUID, Availability> loaded = catalog.availabilities(missing);
            counts.putAll(loaded);
            found.putAll(loaded);
        }
        return found;
    }

    static EventView withAvailability(EventView details, Availability availability, Instant now) {
        List<SeatTypeView> seatTypes = details.seatTypes().stream().map(t -> {
            int[] c = availability.bySeatType().get(t.id());
            return c == null ? t : new SeatTypeView(t.id(), t.name(), t.price(), t.currency(), t.reservedSeating(), c[0], c[1], c[2], c[3]);
        }).toList();
        EventStatus status = EventStatus.of(details.status() == EventStatus.CANCELLED, details.startAt(), details.endAt(), details.saleStartAt(),
                details.saleEndAt(), now, availability.anythingLeft());
        return new EventView(details.id(), details.code(), details.name(), details.description(), details.category(), status,
                details.venue(), details.performers(), details.startAt(), details.endAt(), details.saleStartAt(), details.saleEndAt(),
                details.holdTtlSeconds(), details.maxSeatsPerBooking(), details.additionalInfo(), seatTypes);
    }

    /** A committed change of an event: at once on the node that made it, within about a second on the others. */
    public void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxChange change) {
        if (Outbox.EVENT.equals(change.aggregateType())) {
            views.remove(change.aggregateId());
            counts.remove(change.aggregateId());
        }
    }

    /** How many times event details were loaded from the database on this node (for /metrics and tests). */
    public long viewLoads() {
        return viewLoads.get();
    }

    public long countLoads() {
        return countLoads.get();
    }
}
