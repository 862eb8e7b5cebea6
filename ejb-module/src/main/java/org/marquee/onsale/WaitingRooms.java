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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * queue survives the restart of any or every node. Each node holds every room in memory, reloaded every
 * second (a change made through another node is seen here within a second), and tickets in the replicated
 * Infinispan cache {@code queue-tickets} (written by the node that made them, after commit; a node that
 * misses one reads it from PostgreSQL once). So answering a queue poll, and checking a hold's admission,
 * reads no database: the queue stays fast while the booking path is saturated.
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

    @EJB
    private QueueTransactions transactions;

    @EJB
    private CacheContainer caches;

    @Inject
    private AdmissionTokens tokens;

    @Inject
    private OnSaleMetrics metrics;

    private volatile Map<UUID, Room> rooms = Map.of();
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
            List<UUID> opened = transactions.openDue(Instant.now());
            // the rooms first: a numbered ticket read from the cache must find its room open
            reload();
            for (UUID event : opened) {
                LOG.info(() -> "waiting room of event " + event + " opened");
                cacheTickets(event);
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
        if (room.open()) {
            cacheTickets(eventId);
        }
        remember(room);
        return WaitingRoomView.of(room);
    }

    public Optional<WaitingRoomView> settings(UUID eventId) {
        return Optional.ofNullable(rooms.get(eventId)).map(WaitingRoomView::of);
    }

    /** Joins the event's queue (or finds the caller's place in it: one place per account and event). */
    public QueueTicketView join(Caller caller, UUID eventId) {
        TicketRow row = transactions.join(eventId, caller.id(), Instant.now());
        tickets.put(row.id().toString(), encode(row), TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
        metrics.joined();
        Room room = rooms.get(eventId);
        if (room == null || room.open() != (row.number() > 0)) {
            room = reload().get(eventId);
        }
        return view(row, room, Instant.now());
    }

    /** A ticket's place and status; an unknown ticket is 404. */
    public QueueTicketView ticket(UUID ticketId) {
        TicketRow row = decode(ticketId, tickets.get(ticketId.toString()));
        Room room = row == null ? null : rooms.get(row.eventId());
        if (row == null || (row.number() == 0 && room != null && room.open())) {
            row = transactions.ticket(ticketId).orElseThrow(() -> MarqueeException.notFound("Queue ticket", ticketId));
            tickets.put(ticketId.toString(), encode(row), TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
            room = rooms.get(row.eventId());
        }
        if (row.number() > 0 && (room == null || !room.open())) {
            // numbered by an opening this node has not reloaded yet (the tickets travel by the replicated cache)
            room = reload().get(row.eventId());
        }
        return view(row, room, Instant.now());
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
        if (row.number() == 0 || !room.open()) {
            long untilOpening = Math.max(0, room.saleStartAt().getEpochSecond() - now.getEpochSecond());
            return new QueueTicketView(row.id(), row.eventId(), QueueTicketView.WAITING, room.lastNumber(), untilOpening, null, null);
        }
        long through = room.admittedThrough(now);
        if (row.number() > through) {
            long position = row.number() - through;
            long wait = Math.max(0, (room.admittedAt(row.number()).toEpochMilli() - now.toEpochMilli() + 999) / 1000);
            return new QueueTicketView(row.id(), row.eventId(), QueueTicketView.WAITING, position, wait, null, null);
        }
        Instant until = room.admittedUntil(row.number());
        if (!now.isBefore(until)) {
            return new QueueTicketView(row.id(), row.eventId(), QueueTicketView.EXPIRED, 0L, 0L, null, null);
        }
        return new QueueTicketView(row.id(), row.eventId(), QueueTicketView.ADMITTED, 0L, 0L,
                tokens.issue(row.eventId(), row.accountId(), until), until);
    }

    private Map<UUID, Room> reload() {
        Map<UUID, Room> fresh = new HashMap<>();
        transactions.rooms().forEach(r -> fresh.put(r.eventId(), r));
        rooms = Map.copyOf(fresh);
        return rooms;
    }

    private synchronized void remember(Room room) {
        Map<UUID, Room> copy = new HashMap<>(rooms);
        copy.put(room.eventId(), room);
        rooms = Map.copyOf(copy);
    }

    private void cacheTickets(UUID eventId) {
        Map<String, String> entries = new HashMap<>();
        for (TicketRow row : transactions.tickets(eventId)) {
            entries.put(row.id().toString(), encode(row));
        }
        tickets.putAll(entries, TICKET_LIFESPAN_HOURS, TimeUnit.HOURS);
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
