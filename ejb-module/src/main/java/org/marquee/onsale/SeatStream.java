package org.marquee.onsale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.marquee.booking.SeatHoldValue;
import org.marquee.cache.CacheContainer;
import org.marquee.catalog.SeatMapReader;
import org.marquee.catalog.SeatMaps;
import org.marquee.domain.inventory.SeatStatus;

/**
 * Seat status changes of events that someone watches, for {@code GET /events/{id}/seats/stream}.
 *
 * <p>Source: the replicated {@code seat-holds} cache, which every node writes after a hold commits and
 * clears after a sale, a release or an expiry, so each node sees the changes made through every node.
 * A change only says "this seat changed": every 250 ms the node reads the current status of the changed
 * seats of watched events in one query, so what is sent is committed state (a seat held then sold within
 * the interval is sent once, as SOLD). Events nobody watches on this node cost nothing but a map lookup.
 *
 * <p>Each watched event keeps its last {@value #RECENT} changes on this node, numbered
 * {@code <node epoch>-<sequence>}: a client reconnecting to the same node with {@code Last-Event-ID}
 * gets what it missed; an id this node cannot resume from (another node, a restart, too old) gets a
 * {@code resync} event: reload the seat map. A watcher that falls {@value #MAX_BACKLOG} sends behind is
 * dropped, never buffered without bound.
 */
@Singleton
@Startup
@DependsOn("CacheContainer")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SeatStream {

    static final int RECENT = 10_000;
    public static final int MAX_BACKLOG = 1_000;
    private static final long IDLE_CHANNEL_MILLIS = 300_000;
    private static final Logger LOG = Logger.getLogger(SeatStream.class.getName());

    /** Receives an event's changes. Returns false when it cannot keep up (it is then dropped). */
    public interface Watcher {
        boolean deliver(SeatChange change);

        void resync();

        /** A keep-alive: lets a proxy keep the connection, and finds watchers that went away while nothing changed. */
        void ping();

        void close();
    }

    private static final class Channel {
        final ArrayDeque<SeatChange> recent = new ArrayDeque<>();
        final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
        /** changed seats -> checks left: a released seat may still read HELD for a moment (expiry is released after the cache entry ends) */
        final Map<UUID, Integer> dirty = new HashMap<>();
        long sequence;
        long idleSince = System.currentTimeMillis();
    }

    @EJB
    private CacheContainer caches;

    @Inject
    private SeatMaps seatMaps;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private Cache<String, String> holds;
    private Object listener;
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        holds = caches.cache(CacheContainer.SEAT_HOLDS);
        listener = new HoldsListener();
        holds.addListener(listener);
        flusher = scheduler.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        flusher.cancel(false);
        holds.removeListener(listener);
        channels.values().forEach(c -> c.watchers.forEach(Watcher::close));
    }

    /** Starts sending the event's changes to the watcher, after those it missed since {@code lastEventId} (if resumable). */
    public void watch(UUID eventId, String lastEventId, Watcher watcher) {
        Channel channel = channels.computeIfAbsent(eventId, id -> new Channel());
        synchronized (channel) {
            if (lastEventId != null) {
                Long after = sequenceOf(lastEventId);
                SeatChange oldest = channel.recent.peekFirst();
                long oldestSeq = oldest == null ? channel.sequence + 1 : sequenceOf(oldest.id());
                if (after == null || after > channel.sequence || after + 1 < oldestSeq) {
                    watcher.resync();
                } else {
                    for (SeatChange c : channel.recent) {
                        if (sequenceOf(c.id()) > after && !watcher.deliver(c)) {
                            watcher.close();
                            return;
                        }
                    }
                }
            }
            channel.watchers.add(watcher);
        }
    }

    public void unwatch(UUID eventId, Watcher watcher) {
        Channel channel = channels.get(eventId);
        if (channel != null) {
            channel.watchers.remove(watcher);
            if (channel.watchers.isEmpty()) {
                channel.idleSince = System.currentTimeMillis();
            }
        }
    }

    public int watchers() {
        return channels.values().stream().mapToInt(c -> c.watchers.size()).sum();
    }

    private static final int RELEASE_CHECKS = 40;
    private static final int PING_EVERY_FLUSHES = 60;   // 15 s
    private long flushes;

    private void changed(String seatId, String value, boolean released) {
        if (value == null) {
            return;
        }
        Channel channel = channels.get(SeatHoldValue.decode(value).eventId());
        if (channel != null) {
            synchronized (channel) {
                channel.dirty.merge(UUID.fromString(seatId), released ? RELEASE_CHECKS : 0, Math::min);
            }
        }
    }

    void flush() {
        try {
            long now = System.currentTimeMillis();
            if (++flushes % PING_EVERY_FLUSHES == 0) {
                channels.values().forEach(c -> c.watchers.forEach(Watcher::ping));
            }
            channels.entrySet().removeIf(e -> e.getValue().watchers.isEmpty() && now - e.getValue().idleSince > IDLE_CHANNEL_MILLIS);
            Map<UUID, Channel> dirty = new HashMap<>();
            Map<UUID, Integer> checks = new HashMap<>();
            List<UUID> seats = new ArrayList<>();
            for (Map.Entry<UUID, Channel> e : channels.entrySet()) {
                synchronized (e.getValue()) {
                    if (!e.getValue().dirty.isEmpty()) {
                        e.getValue().dirty.forEach((seat, left) -> {
                            dirty.put(seat, e.getValue());
                            checks.put(seat, left);
                            seats.add(seat);
                        });
                        e.getValue().dirty.clear();
                    }
                }
            }
            if (seats.isEmpty()) {
                return;
            }
            for (SeatMapReader.SeatState state : seatMaps.states(seats)) {
                UUID seat = state.seatId();
                Channel channel = dirty.get(seat);
                synchronized (channel) {
                    int left = checks.get(seat);
                    if (left > 1 && state.status() == SeatStatus.HELD && !channel.dirty.containsKey(seat)) {
                        channel.dirty.put(seat, left - 1);   // released in the cache, not yet in the database: look again
                        continue;
                    }
                    SeatChange change = new SeatChange(epoch + "-" + (++channel.sequence), seat, state.seatTypeId(), state.status().name(),
                            seatMaps.placeOf(state.eventId(), seat));
                    channel.recent.addLast(change);
                    if (channel.recent.size() > RECENT) {
                        channel.recent.removeFirst();
                    }
                    for (Watcher w : channel.watchers) {
                        if (!w.deliver(change)) {
                            channel.watchers.remove(w);
                            w.close();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "seat stream flush failed; those changes are not sent", e);
        }
    }

    private Long sequenceOf(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 0 || !id.substring(0, dash).equals(epoch)) {
            return null;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Listener(observation = Listener.Observation.POST)
    public class HoldsListener {
        @CacheEntryCreated
        @CacheEntryModified
        public void written(CacheEntryEvent<String, String> event) {
            changed(event.getKey(), event.getValue(), false);
        }

        @CacheEntryRemoved
        public void removed(org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent<String, String> event) {
            changed(event.getKey(), event.getOldValue(), true);
        }

        @CacheEntryExpired
        public void expired(org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent<String, String> event) {
            changed(event.getKey(), event.getValue(), true);
        }
    }
}
