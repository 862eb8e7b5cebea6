package org.marquee.onsale;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.marquee.cache.CacheContainer;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Caller;
import org.marquee.onsale.QueueTransactions.TicketRow;

/**
 * The waiting rooms: the service behind {@code PUT /events/{id}/waiting-room} (and the console), the queue
 * endpoints, and the hold path's question "is this event protected?".
 *
 * <p>Where the state lives: PostgreSQL is the record ({@code waiting_room}, {@code queue_ticket}), so a
 * queue survives the restart of any or every node. Each node holds in memory:
 * <ul>
 * <li>every room, reloaded every second (a change made through another node is seen here within a second);
 * <li>the places of every room opened in the last 48 hours ({@link RoomPlaces}), read by the one-second timer
 * when this node first sees the room open and published before the room shows open here: no poll sees an
 * opening without its places, and an opening writes nothing into the cache;
 * <li>the tickets of an enabled room not yet open, read the same way once polls of tickets this node did not
 * hold have reached PostgreSQL (at most every {@value #REREAD_SECONDS} s while they do);
 * </ul>
 * and tickets joined through the API are in the replicated Infinispan cache {@code queue-tickets} (written by
 * the node that made them, after commit). A ticket in none of these (joined since the last read and inserted
 * otherwise, or polled right after a full-cluster restart) is read from PostgreSQL by its key. So answering a
 * queue poll, and checking a hold's admission, reads no database: the queue stays fast while the booking path
 * is saturated.
 *
 * <p>No poll waits for anything: reads of PostgreSQL on this path take no lock, the rooms and places are read
 * by the timer, and a ticket numbered by an opening this node does not show yet answers from its number.
 *
 * <p>Admission needs no scheduler ({@link Room}); the one-second timer only opens rooms whose sale has
 * started, on every node, and exactly one node wins each opening (SKIP LOCKED).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "CacheContainer"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WaitingRooms {

    private static final Logger LOG = Logger.getLogger(WaitingRooms.class.getName());
    private static final long TICKET_LIFESPAN_HOURS = 48;
    /** A room's places are read again after polls missed them, at most this often. */
    static final long REREAD_SECONDS = 5;

    @EJB
    private QueueTransactions transactions;

    @EJB
    private CacheContainer caches;

    @Inject
    private AdmissionTokens tokens;

    @Inject
    private OnSaleMetrics metrics;

    private volatile Map<UUID, Room> rooms = Map.of();
    /** Rooms' places by event: every room opened in the last 48 hours (unless its read failed), and closed enabled rooms that polls missed. */
    private volatile Map<UUID, RoomPlaces> places = Map.of();
    /** When ({@link System#nanoTime()}) a poll last read a ticket of the event from PostgreSQL. */
    private final Map<UUID, Long> missed = new ConcurrentHashMap<>();
    private Cache<String, String> tickets;
    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void start() {
        tickets = caches.cache(CacheContainer.QUEUE_TICKETS);
        reload();
        metrics.registerRooms(this);
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "waiting-room opener")
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            long start = System.nanoTime();
            List<UUID> opened = transactions.openDue(Instant.now());
            long numbered = System.nanoTime();
            // the places of the rooms that opened are read before this node shows them open
            reload();
            long loaded = System.nanoTime();
            for (UUID event : opened) {
                RoomPlaces held = places.get(event);
                LOG.info(() -> "waiting room of event " + event + " opened: places numbered in " + (numbered - start) / 1_000_000
                        + " ms, " + (held == null ? "not read" : held.size() + " read") + " in " + (loaded - numbered) / 1_000_000 + " ms");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "waiting-room tick failed; the next one retries", e);
        } finally {
            ticking.set(false);
        }
    }

    /** Stores an event's waiting-room settings (staff). Enabling it protects the event's holds at once on this node, within a second on the others. */
    public WaitingRoomView configure(UUID eventId, WaitingRoomSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        if (settings == null || settings.enabled() == null) {
            errors.add(new FieldError("enabled", "is required (true or false)"));
        }
        int rate = settings == null || settings.admitPerMinute() == null ? 600 : settings.admitPerMinute();
        int window = settings == null || settings.shoppingWindowSeconds() == null ? 600 : settings.shoppingWindowSeconds();
        Integer maxSeats = settings == null ? null : settings.maxSeatsPerAccount();
        if (rate < 1 || rate > 600_000) {
            errors.add(new FieldError("admitPerMinute", "must be between 1 and 600000"));
        }
        if (window < 5 || window > 3600) {
            errors.add(new FieldError("shoppingWindowSeconds", "must be between 5 and 3600"));
        }
        if (maxSeats != null && (maxSeats < 1 || maxSeats > 1000)) {
            errors.add(new FieldError("maxSeatsPerAccount", "must be between 1 and 1000 (or absent: no cap)"));
        }
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
        Room room = transactions.configure(eventId, settings.enabled(), rate, window, maxSeats, Instant.now());
        remember(room);
        return WaitingRoomView.of(room);
    }

    public Optional<WaitingRoomView> settings(UUID eventId) {
        return Optional.ofNullable(rooms.get(eventId)).map(WaitingRoomView::of);
    }

    /** The room of the event as everyone sees it, from this node's memory (rooms are reloaded every second). */
    public Optional<QueueStateView> state(UUID eventId) {
        return Optional.ofNullable(rooms.get(eventId)).map(room -> QueueStateView.of(room, Instant.now()));
    }

    /** Joins the event's queue (or finds the caller's place in it: one place per account and event). */
    public QueueTicketView join(Caller caller, UUID eventId) {
        TicketRow row = transactions.join(eventId, caller.id(), Instant.now());
        tickets.put(row.id().toString(), encode(row), TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
        metrics.joined();
        return view(row, roomOf(row.eventId()), Instant.now());
    }

    /**
     * A ticket's place and status; an unknown ticket is 404. From memory: the room's places, else the
     * {@code queue-tickets} cache; a ticket in neither, or cached before an opening whose places this node does not
     * hold, is read from PostgreSQL by its key (no lock) and cached.
     */
    public QueueTicketView ticket(UUID ticketId) {
        Instant now = Instant.now();
        TicketRow row = held(ticketId);
        if (row == null) {
            row = decode(ticketId, tickets.get(ticketId.toString()));
        }
        Room room = row == null ? null : rooms.get(row.eventId());
        if (row == null || (row.number() == 0 && room != null && room.open())) {
            boolean missing = row == null;
            row = transactions.ticket(ticketId).orElseThrow(() -> MarqueeException.notFound("Queue ticket", ticketId));
            metrics.ticketRead();
            missed.put(row.eventId(), System.nanoTime());
            if (missing) {
                // never waits for a lock, and replicates without waiting for the other nodes
                tickets.putForExternalRead(ticketId.toString(), encode(row), TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
            } else {
                tickets.put(ticketId.toString(), encode(row), TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
            }
            room = rooms.get(row.eventId());
        }
        return view(row, room != null ? room : roomOf(row.eventId()), now);
    }

    /** The room protecting this event's holds, if it has an enabled one. No database read. */
    public Optional<Room> protecting(UUID eventId) {
        Room room = rooms.get(eventId);
        return room != null && room.enabled() ? Optional.of(room) : Optional.empty();
    }

    int enabledRooms() {
        return (int) rooms.values().stream().filter(Room::enabled).count();
    }

    private QueueTicketView view(TicketRow row, Room room, Instant now) {
        if (room == null) {
            throw MarqueeException.notFound("Queue ticket", row.id());
        }
        if (!room.open() && row.number() > 0) {
            // numbered by an opening that committed in the last second, before this node reloaded its rooms:
            // nobody is admitted yet, so the place is the position
            long wait = (row.number() * 60 + room.admitPerMinute() - 1) / room.admitPerMinute();
            return QueueTicketView.waiting(row.id(), row.eventId(), row.number(), wait);
        }
        if (row.number() == 0 || !room.open()) {
            long untilOpening = Math.max(0, room.saleStartAt().getEpochSecond() - now.getEpochSecond());
            return QueueTicketView.waiting(row.id(), row.eventId(), room.lastNumber(), untilOpening);
        }
        long through = room.admittedThrough(now);
        if (row.number() > through) {
            long position = row.number() - through;
            long wait = Math.max(0, (room.admittedAt(row.number()).toEpochMilli() - now.toEpochMilli() + 999) / 1000);
            return QueueTicketView.waiting(row.id(), row.eventId(), position, wait);
        }
        Instant until = room.admittedUntil(row.number());
        if (!now.isBefore(until)) {
            return QueueTicketView.expired(row.id(), row.eventId());
        }
        return QueueTicketView.admitted(row.id(), row.eventId(), tokens.issue(row.eventId(), row.accountId(), until), until);
    }

    /** The room as this node knows it, else as stored (made through another node in the last second; not remembered here). */
    private Room roomOf(UUID eventId) {
        Room room = rooms.get(eventId);
        return room != null ? room : transactions.room(eventId).orElse(null);
    }

    private TicketRow held(UUID ticketId) {
        for (RoomPlaces room : places.values()) {
            TicketRow row = room.find(ticketId);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /** Reads every room and the places this node should hold (see the class comment); publishes the places first. */
    private synchronized void reload() {
        Map<UUID, Room> fresh = new HashMap<>();
        Map<UUID, RoomPlaces> held = new HashMap<>();
        Instant horizon = Instant.now().minus(TICKET_LIFESPAN_HOURS, ChronoUnit.HOURS);
        for (Room room : transactions.rooms()) {
            fresh.put(room.eventId(), room);
            placesOf(room, room.open() ? room.openedAt().isAfter(horizon) : room.enabled()).ifPresent(p -> held.put(room.eventId(), p));
        }
        places = Map.copyOf(held);
        rooms = Map.copyOf(fresh);
    }

    private synchronized void remember(Room room) {
        Map<UUID, RoomPlaces> held = new HashMap<>(places);
        held.remove(room.eventId());
        placesOf(room, room.open() || room.enabled()).ifPresent(p -> held.put(room.eventId(), p));
        places = Map.copyOf(held);
        Map<UUID, Room> copy = new HashMap<>(rooms);
        copy.put(room.eventId(), room);
        rooms = Map.copyOf(copy);
    }

    /**
     * The places this node should hold for the room: none if not {@code wanted}; those held if still of the room as
     * it is and no poll missed them lately; else read now, which an open room always is once per opening, and a
     * closed one only after polls of its tickets reached PostgreSQL. A failed read leaves the room to the cache
     * and PostgreSQL.
     */
    private Optional<RoomPlaces> placesOf(Room room, boolean wanted) {
        if (!wanted) {
            return Optional.empty();
        }
        RoomPlaces held = places.get(room.eventId());
        boolean current = held != null && held.matches(room);
        Long missedAt = missed.get(room.eventId());
        // polls that missed while the places were being read do not count: only a miss with the places held
        boolean missedLately = missedAt != null && (held == null || held.readBefore(missedAt) && held.olderThan(REREAD_SECONDS));
        if (current && !missedLately) {
            return Optional.of(held);
        }
        if (!room.open() && !missedLately) {
            return Optional.empty();
        }
        try {
            missed.remove(room.eventId(), missedAt);
            long start = System.nanoTime();
            RoomPlaces read = RoomPlaces.of(room, transactions.tickets(room.eventId()));
            if (!room.open() || current) {
                LOG.info(() -> "read " + read + " in " + (System.nanoTime() - start) / 1_000_000 + " ms: polls had read its tickets one by one");
            }
            return Optional.of(read);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tickets of the waiting room of event " + room.eventId() + " not read; polls read them one by one", e);
            return current ? Optional.of(held) : Optional.empty();
        }
    }

    private static String encode(TicketRow row) {
        return row.eventId() + "|" + row.accountId() + "|" + row.number();
    }

    private static TicketRow decode(UUID id, String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\|");
        return new TicketRow(id, UUID.fromString(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]));
    }
}
