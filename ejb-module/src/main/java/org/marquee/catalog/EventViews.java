package org.marquee.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.infinispan.Cache;
import org.marquee.cache.CacheContainer;
import org.marquee.catalog.EventView.SeatTypeView;
import org.marquee.outbox.Outbox;
import org.marquee.outbox.OutboxChange;
import org.marquee.domain.catalog.Event;
import org.marquee.domain.catalog.EventStatus;

/**
 * The read path of an event, built to hold a crowd. Event details are cached per node and loaded by
 * one caller per key while the others wait for it (Infinispan's computeIfAbsent runs under the key's
 * lock), so a cold popular event costs one database load, not one per request. Availability comes from
 * a one-second cache of the sharded counters. A change invalidates the entry on the node that made it
 * as it commits, and on every other node through the outbox within about a second ({@link #onChange}).
 *
 * <p>What fans fetch is {@link #ready}: the view rendered once, with its gzip form and entity tag, and
 * served as it is until its availability is a second old, its status would change with the clock, or the
 * event changes. A crowd on one event therefore costs one rendering and one counter read per second per
 * node. A plain CDI bean rather than an EJB: the hot path crosses no container interceptor or
 * transaction; only a rendering calls the catalog.
 */
@ApplicationScoped
public class EventViews {

    /** How long a rendered view is served: the availability it shows is at most this old. */
    static final long FRESH_MILLIS = 1000;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private CacheContainer caches;

    @Inject
    private EventCatalog catalog;

    private Cache<UUID, EventView> views;
    private Cache<UUID, Availability> counts;

    /** Rendered views kept per node; past this many, stale ones are dropped first. */
    private final ReadyViews<UUID> ready = new ReadyViews<>(20_000);
    /** Rendered pages of the upcoming-events list, by page and size. */
    private final ReadyViews<EventListPage> lists = new ReadyViews<>(1_000);
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
     * The event as fans see it, rendered: the cached answer while it is fresh, else one caller renders it
     * with availability read now while the others for the same event wait for that answer.
     *
     * @throws org.marquee.error.MarqueeException NOT_FOUND for an unknown event
     */
    public ReadyView ready(UUID id) {
        return ready.get(id, this::render);
    }

    /** Which page of the upcoming-events list. */
    public record EventListPage(int page, int size) {
    }

    /**
     * A page of upcoming events, rendered: fresh for a second, and dropped at once when an event changes
     * through this node (through another node, within about a second).
     */
    public ReadyView readyList(int page, int size) {
        return lists.get(new EventListPage(page, size), key -> ReadyView.of(JSON.toJson(catalog.upcoming(key.page(), key.size())),
                System.currentTimeMillis() + FRESH_MILLIS));
    }

    private ReadyView render(UUID id) {
        EventView details = views.computeIfAbsent(id, key -> {
            viewLoads.incrementAndGet();
            return catalog.find(key);
        });
        countLoads.incrementAndGet();
        Availability availability = catalog.availability(id);
        counts.put(id, availability);
        long now = System.currentTimeMillis();
        EventView view = withAvailability(details, availability, Instant.ofEpochMilli(now));
        return ReadyView.of(JSON.toJson(view), Math.min(now + FRESH_MILLIS, nextStatusChange(details, now)));
    }

    /** The first instant after {@code now} at which the clock alone may change the event's status. */
    static long nextStatusChange(EventView event, long now) {
        return Stream.of(event.saleStartAt(), event.saleEndAt(), event.startAt(), event.endAt())
                .filter(t -> t != null && t.toEpochMilli() > now)
                .mapToLong(Instant::toEpochMilli)
                .min().orElse(Long.MAX_VALUE);
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
            ready.remove(change.aggregateId());
            lists.clear();
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
