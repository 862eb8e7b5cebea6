package org.marquee.booking;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.marquee.cache.CacheContainer;

/**
 * The cluster's picture of held seats: the replicated {@code seat-holds} cache, seat id ->
 * {@link SeatHoldValue} (booking, event, expiry), each entry living exactly as long as its hold.
 *
 * <p>An accelerator, never the arbiter: a seat found here is refused without touching PostgreSQL,
 * but a seat missing here is still checked under a row lock in the database. Entries are written only
 * after the hold commits. Expired holds are released in the database by {@link ExpirySweeper} on every
 * node; an entry's expiry here releases nothing by itself (a listener that did cost every node a task
 * and a transaction per seat of every hold that expired, more CPU than the hold itself).
 */
@Singleton
@Startup
@DependsOn("CacheContainer")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SeatHolds {

    private static final Logger LOG = Logger.getLogger(SeatHolds.class.getName());

    @EJB
    private CacheContainer caches;

    private Cache<String, String> cache;

    @PostConstruct
    void start() {
        cache = caches.cache(CacheContainer.SEAT_HOLDS);
    }

    /** The seats one booking holds until {@code expiresAt}. */
    public record HeldSeats(Collection<UUID> seatIds, UUID bookingId, UUID eventId, Instant expiresAt) {
    }

    /**
     * Records a batch of holds with one cache write per second of expiry (a write costs the cache's whole
     * interceptor chain, whatever it carries). An entry may outlive its hold by under a second: its value
     * carries the exact expiry, which every read checks, and the cache's expiry reaper runs every 2 s anyway.
     * Asynchronous: the hold's answer does not wait for replication.
     */
    public void put(List<HeldSeats> holds) {
        Map<Long, Map<String, String>> bySecond = new HashMap<>();
        for (HeldSeats hold : holds) {
            SeatHoldValue held = new SeatHoldValue(hold.bookingId(), hold.eventId(), hold.expiresAt());
            String value = held.encode();
            Map<String, String> entries = bySecond.computeIfAbsent((held.expiresAtMillis() + 999) / 1000, second -> new HashMap<>());
            hold.seatIds().forEach(id -> entries.put(id.toString(), value));
        }
        long now = System.currentTimeMillis();
        bySecond.forEach((second, entries) -> {
            long lifespan = second * 1000 - now;
            if (lifespan <= 0 || entries.isEmpty()) {
                return;
            }
            try {
                cache.putAllAsync(entries, lifespan, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record " + entries.size() + " held seats in the cache; the reconciler will", e);
            }
        });
    }

    public void put(Collection<UUID> seatIds, UUID bookingId, UUID eventId, Instant expiresAt) {
        put(List.of(new HeldSeats(seatIds, bookingId, eventId, expiresAt)));
    }

    /** Of these seats, the ones the cluster knows to be held right now. */
    public Set<UUID> held(Collection<UUID> seatIds) {
        Set<UUID> held = new LinkedHashSet<>();
        long now = System.currentTimeMillis();
        try {
            for (UUID id : seatIds) {
                String value = cache.get(id.toString());
                if (value != null && SeatHoldValue.expiresAtMillis(value) > now) {
                    held.add(id);
                }
            }
        } catch (RuntimeException e) {
            // a cache failure only costs the shortcut: the database decides
            LOG.log(Level.FINE, "seat-holds lookup failed", e);
            return Set.of();
        }
        return held;
    }

    /** Forgets seats whose hold ended (sold, cancelled or expired). */
    public void remove(Collection<UUID> seatIds) {
        try {
            seatIds.forEach(id -> cache.removeAsync(id.toString()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove released seats from the cache; the reconciler will", e);
        }
    }

    /** Seat id -> booking id of every entry on this node, for the reconciler. */
    public Map<UUID, UUID> snapshot() {
        Map<UUID, UUID> copy = new HashMap<>();
        cache.forEach((seat, value) -> copy.put(UUID.fromString(seat), SeatHoldValue.decode(value).bookingId()));
        return copy;
    }

    public int size() {
        return cache.size();
    }
}
