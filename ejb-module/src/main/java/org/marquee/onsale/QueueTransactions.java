package org.marquee.onsale;

import static org.marquee.persistence.Columns.instant;
import static org.marquee.persistence.Columns.uuid;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.persistence.RowReader;

/**
 * The on-sale surge's SQL: waiting rooms, the seats-per-account count, and the seat statuses the seat stream sends.
 * Reads only, except for the waiting rooms. Joins and setting changes of one event lock its {@code waiting_room} row, so
 * places are handed out one after another and a change of rate re-anchors against a settled queue; the
 * opening claims due rooms with SKIP LOCKED, so every node may try it and exactly one does it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class QueueTransactions {

    /** The columns of a {@link Room}, read by {@link #room(Object)}. */
    private static final String ROOM_COLUMNS = """
            w.event_id, w.enabled, w.admit_per_minute, w.shopping_window_seconds, w.max_seats_per_account,
            w.opened_at, w.anchor_at, w.anchor_number, w.last_number, e.sale_start_at""";

    /** A stored ticket; {@code number} 0 while the room has not opened. */
    public record TicketRow(UUID id, UUID eventId, UUID accountId, long number) {
        static final String SELECT = "select id, event_id, account_id, number from queue_ticket";

        static TicketRow from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new TicketRow(r.uuid(), r.uuid(), r.uuid(), Objects.requireNonNullElse(r.longIntegerOrNull(), 0L));
        }
    }

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    public Room configure(UUID eventId, boolean enabled, int admitPerMinute, int windowSeconds, Integer maxSeatsPerAccount, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> event = em.createNativeQuery("select sale_start_at from event where id = cast(?1 as uuid) for share")
                .setParameter(1, eventId.toString()).getResultList();
        if (event.isEmpty()) {
            throw MarqueeException.notFound("Event", eventId);
        }
        Instant saleStart = instant(event.get(0));
        Optional<Room> current = room(eventId, true);
        boolean opens = enabled && !now.isBefore(saleStart);
        if (current.isEmpty()) {
            em.createNativeQuery("""
                    insert into waiting_room (event_id, enabled, admit_per_minute, shopping_window_seconds, max_seats_per_account,
                                              opened_at, anchor_at, anchor_number, last_number, updated_at)
                    values (cast(?1 as uuid), ?2, ?3, ?4, cast(?5 as integer), cast(?6 as timestamptz), cast(?6 as timestamptz), 0, 0, cast(?7 as timestamptz))""")
                    .setParameter(1, eventId.toString()).setParameter(2, enabled).setParameter(3, admitPerMinute)
                    .setParameter(4, windowSeconds).setParameter(5, maxSeatsPerAccount)
                    .setParameter(6, opens ? Timestamp.from(now) : null).setParameter(7, Timestamp.from(now))
                    .executeUpdate();
        } else {
            Room r = current.get();
            if (!r.open() && opens) {
                openNow(eventId, now);
            }
            // re-anchor: what was admitted by now stays admitted, the new rate applies from now on
            em.createNativeQuery("""
                    update waiting_room set enabled = ?2, admit_per_minute = ?3, shopping_window_seconds = ?4,
                           max_seats_per_account = cast(?5 as integer), anchor_number = ?6,
                           anchor_at = case when opened_at is null then null else cast(?7 as timestamptz) end, updated_at = cast(?7 as timestamptz)
                     where event_id = cast(?1 as uuid)""")
                    .setParameter(1, eventId.toString()).setParameter(2, enabled).setParameter(3, admitPerMinute)
                    .setParameter(4, windowSeconds).setParameter(5, maxSeatsPerAccount)
                    .setParameter(6, r.open() ? r.admittedThrough(now) : 0L).setParameter(7, Timestamp.from(now))
                    .executeUpdate();
        }
        return room(eventId, false).orElseThrow();
    }

    /** A place for the account in the event's queue: its existing one, or the next (none yet before the room opens). */
    public TicketRow join(UUID eventId, UUID accountId, Instant now) {
        Optional<Room> found = room(eventId, true);
        if (found.isEmpty() && em.createNativeQuery("select 1 from event where id = cast(?1 as uuid)")
                .setParameter(1, eventId.toString()).getResultList().isEmpty()) {
            throw MarqueeException.notFound("Event", eventId);
        }
        Room room = found.filter(Room::enabled)
                .orElseThrow(() -> new MarqueeException(ProblemCode.QUEUE_CLOSED, "Event " + eventId + " has no waiting room"));
        Optional<TicketRow> existing = ticket("event_id = cast(?1 as uuid) and account_id = cast(?2 as uuid)",
                eventId.toString(), accountId.toString());
        if (existing.isPresent()) {
            return existing.get();
        }
        // an idle queue has admitted past its last place: a newcomer comes after what is admitted by now
        long number = room.open() ? Math.max(room.lastNumber(), room.admittedThrough(now)) + 1 : 0;
        em.createNativeQuery("update waiting_room set last_number = ?2 where event_id = cast(?1 as uuid)")
                .setParameter(1, eventId.toString()).setParameter(2, room.open() ? number : room.lastNumber() + 1).executeUpdate();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into queue_ticket (id, event_id, account_id, number, joined_at)
                values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), cast(?4 as bigint), cast(?5 as timestamptz))""")
                .setParameter(1, id.toString()).setParameter(2, eventId.toString()).setParameter(3, accountId.toString())
                .setParameter(4, number == 0 ? null : number).setParameter(5, Timestamp.from(now)).executeUpdate();
        return new TicketRow(id, eventId, accountId, number);
    }

    /** Opens the rooms whose sale has started: those who joined before get places 1..n in random order. */
    public List<UUID> openDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> due = em.createNativeQuery("""
                select w.event_id from waiting_room w join event e on e.id = w.event_id
                 where w.enabled and w.opened_at is null and e.sale_start_at <= cast(?1 as timestamptz)
                 for update of w skip locked""").setParameter(1, Timestamp.from(now)).getResultList();
        List<UUID> opened = new ArrayList<>();
        for (Object id : due) {
            openNow(uuid(id), now);
            opened.add(uuid(id));
        }
        return opened;
    }

    private void openNow(UUID eventId, Instant now) {
        int early = em.createNativeQuery("""
                update queue_ticket t set number = r.n
                  from (select id, row_number() over (order by random()) as n from queue_ticket
                         where event_id = cast(?1 as uuid) and number is null) r
                 where t.id = r.id""").setParameter(1, eventId.toString()).executeUpdate();
        em.createNativeQuery("""
                update waiting_room set opened_at = cast(?2 as timestamptz), anchor_at = cast(?2 as timestamptz), anchor_number = 0, last_number = ?3
                 where event_id = cast(?1 as uuid)""")
                .setParameter(1, eventId.toString()).setParameter(2, Timestamp.from(now)).setParameter(3, (long) early).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Room> rooms() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select " + ROOM_COLUMNS + " from waiting_room w join event e on e.id = w.event_id")
                .getResultList();
        return rows.stream().map(QueueTransactions::room).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<TicketRow> ticket(UUID id) {
        return ticket("id = cast(?1 as uuid)", id.toString());
    }

    /** Every ticket of the event, in one query without a lock (a reader never waits for an opening or a join). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<TicketRow> tickets(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(TicketRow.SELECT + " where event_id = cast(?1 as uuid)")
                .setParameter(1, eventId.toString()).getResultList();
        return rows.stream().map(TicketRow::from).toList();
    }

    /** One room as stored, without a lock (a read never waits for an opening or a join). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Room> room(UUID eventId) {
        return room(eventId, false);
    }

    /** Seats the account holds (unexpired) or has bought for the event. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long seatsOf(UUID accountId, UUID eventId) {
        return ((Number) em.createNativeQuery("""
                select count(*) from booking b join booking_item i on i.booking_id = b.id and i.active
                 where b.customer_id = cast(?1 as uuid) and b.event_id = cast(?2 as uuid)
                   and (b.status = 'PAID' or (b.status = 'PENDING_PAYMENT' and b.expires_at > now()))""")
                .setParameter(1, accountId.toString()).setParameter(2, eventId.toString()).getSingleResult()).longValue();
    }

    private Optional<Room> room(UUID eventId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select " + ROOM_COLUMNS
                        + " from waiting_room w join event e on e.id = w.event_id where w.event_id = cast(?1 as uuid)"
                        + (lock ? " for update of w" : ""))
                .setParameter(1, eventId.toString()).getResultList();
        return rows.stream().findFirst().map(QueueTransactions::room);
    }

    private Optional<TicketRow> ticket(String where, Object... parameters) {
        var query = em.createNativeQuery(TicketRow.SELECT + " where " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();
        return rows.stream().findFirst().map(TicketRow::from);
    }

    /** A row of {@link #ROOM_COLUMNS}. */
    private static Room room(Object columns) {
        RowReader r = RowReader.of(columns);
        return new Room(r.uuid(), r.bool(), r.integer(), r.integer(), r.integerOrNull(), r.instantOrNull(), r.instantOrNull(),
                r.longInteger(), r.longInteger(), r.instant());
    }
}
