package org.marquee.checkin;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.booking.TicketCodes;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;
import org.marquee.identity.Ownership;
import org.marquee.persistence.Columns;

/**
 * Tickets and check-in (docs/door-and-counter.md, "Tickets and check-in"). A ticket is an item of a paid booking. At the
 * door it is named by either of two codes: the printed code of the confirm ({@code MQ1.}, for paper and
 * the counter, valid as long as the ticket is) or the rotating code of a phone ({@link DoorCodes}).
 * <p>
 * A ticket is admitted exactly once: the admission is an insert into {@code check_in}, whose primary key
 * is the ticket, so of two doors scanning one ticket at the same moment one inserts and the other finds
 * the row (ALREADY_CHECKED_IN). The insert's trigger (V21) refuses a ticket whose booking is not PAID
 * and locks that booking against a concurrent refund until the admission commits.
 */
@Stateless
public class CheckIns {

    /** The SQL state PostgreSQL raises V21's trigger with. */
    private static final String CHECK_VIOLATION = "23514";

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    @Inject
    private TicketCodes printedCodes;

    @Inject
    private DoorCodes doorCodes;

    private final Clock clock = Clock.systemUTC();

    /** A ticket as the door needs it: whose booking, which seat, and what became of it. */
    private record Ticket(UUID id, UUID bookingId, UUID customerId, UUID eventId, BookingStatus bookingStatus, UUID seatId, String label,
                          UUID seatTypeId, String seatTypeName, BigDecimal price, String currency, Instant checkedInAt) {

        boolean isVoid() {
            return bookingStatus != BookingStatus.PAID;
        }

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ticketId", id);
            details.put("label", label);
            details.put("seatTypeId", seatTypeId);
            details.put("seatTypeName", seatTypeName);
            if (checkedInAt != null) {
                details.put("checkedInAt", checkedInAt);
            }
            return details;
        }
    }

    private static final String TICKET_COLUMNS = """
            select i.id as ticket_id, i.booking_id, b.customer_id, b.event_id, b.status as booking_status, i.seat_id, s.label,
                   i.seat_type_id, t.name as seat_type_name, i.price, b.currency, c.checked_in_at
              from booking_item i
              join booking b on b.id = i.booking_id
              join seat s on s.id = i.seat_id
              join seat_type t on t.id = i.seat_type_id
              left join check_in c on c.ticket_id = i.id
            """;

    /**
     * The tickets of a booking that was paid, each with its current door code (none for a void one).
     * The booking's customer and staff see them; for anyone else the booking does not exist.
     */
    public List<TicketView> tickets(Caller caller, UUID bookingId) {
        try (Connection c = database.getConnection()) {
            BookingHead booking = bookingHead(c, bookingId).orElseThrow(() -> MarqueeException.notFound("Booking", bookingId));
            Ownership.check(caller, booking.customerId(), "Booking", bookingId);
            if (!booking.wasPaid()) {
                throw new MarqueeException(ProblemCode.NOT_PAID, "Booking " + bookingId + " is " + booking.status()
                        + ": tickets exist once it is paid");
            }
            Instant now = clock.instant();
            List<TicketView> views = new ArrayList<>();
            for (Ticket t : ticketsOf(c, bookingId)) {
                views.add(view(t, now));
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ticket of a booking, for its QR image. */
    public TicketView ticket(Caller caller, UUID bookingId, UUID ticketId) {
        return tickets(caller, bookingId).stream().filter(t -> t.id().equals(ticketId)).findFirst()
                .orElseThrow(() -> MarqueeException.notFound("Ticket", ticketId));
    }

    /**
     * Lets a ticket in at a door of the event, by its printed or its rotating code. Refusals carry the
     * ticket's details where the code named a real ticket: INVALID_CODE, WRONG_EVENT, TICKET_VOID and
     * ALREADY_CHECKED_IN (with the first admission's time).
     */
    public Admission admit(Caller caller, UUID eventId, String code) {
        if (!caller.checksTicketsIn()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only door staff, box office and administrators check tickets in");
        }
        String scanned = code == null ? "" : code.strip();
        if (scanned.isEmpty() || scanned.length() > 200) {
            throw MarqueeException.invalid("code", "is required (the ticket's code, at most 200 characters)");
        }
        try (Connection c = database.getConnection()) {
            requireEvent(c, eventId);
            boolean rotating = DoorCodes.looksRotating(scanned);
            Optional<DoorCodes.Scanned> door = rotating ? doorCodes.read(scanned) : Optional.empty();
            Optional<UUID> ticketId = rotating ? door.map(DoorCodes.Scanned::ticketId) : printedCodes.ticketId(scanned);
            Ticket ticket = ticketId.flatMap(id -> ticket(c, id)).orElseThrow(() -> invalid("This is not a ticket code of Marquee"));
            boolean signed = rotating ? doorCodes.isSigned(door.get(), ticket.seatId()) : printedCodes.code(ticket.id(), ticket.seatId()).equals(scanned);
            if (!signed) {
                throw invalid("This is not a ticket code of Marquee");
            }
            if (rotating && !DoorCodes.isCurrent(door.get().expiresAt(), clock.instant())) {
                throw refusal(ProblemCode.INVALID_CODE, "This phone code has expired: ask the guest to open the ticket again "
                        + "(a screenshot or a forwarded copy stops working within a minute)", ticket);
            }
            if (!ticket.eventId().equals(eventId)) {
                throw refusal(ProblemCode.WRONG_EVENT, "This ticket is for another event", ticket);
            }
            if (ticket.isVoid()) {
                throw refusal(ProblemCode.TICKET_VOID, "This ticket was cancelled or refunded", ticket);
            }
            if (ticket.checkedInAt() != null) {
                throw refusal(ProblemCode.ALREADY_CHECKED_IN, "This ticket was already checked in", ticket);
            }
            Instant admittedAt = insert(c, ticket, caller.id(), rotating ? "ROTATING" : "PRINTED");
            if (admittedAt == null) {
                // another door admitted it a moment ago: its row is committed, and this is a second scan
                throw refusal(ProblemCode.ALREADY_CHECKED_IN, "This ticket was already checked in", ticket(c, ticket.id()).orElseThrow());
            }
            return new Admission(CheckInResult.ADMITTED, ticket.id(), ticket.label(), ticket.seatTypeId(), ticket.seatTypeName(), admittedAt);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sold places and admitted tickets of an event, in all and per seat type. */
    public CheckInSummary summary(Caller caller, UUID eventId) {
        if (!caller.checksTicketsIn()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only door staff, box office and administrators see check-ins");
        }
        try (Connection c = database.getConnection()) {
            requireEvent(c, eventId);
            List<CheckInSummary.ByType> byType = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select t.id, t.name,
                           coalesce((select sum(k.sold) from seat_counter k where k.seat_type_id = t.id), 0) as sold,
                           (select count(*) from check_in ci where ci.event_id = t.event_id and ci.seat_type_id = t.id) as checked_in
                      from seat_type t where t.event_id = ? order by t.position""")) {
                q.setObject(1, eventId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        byType.add(new CheckInSummary.ByType(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("sold"),
                                rs.getLong("checked_in")));
                    }
                }
            }
            return new CheckInSummary(byType.stream().mapToLong(CheckInSummary.ByType::sold).sum(),
                    byType.stream().mapToLong(CheckInSummary.ByType::checkedIn).sum(), byType);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------- helpers

    private record BookingHead(UUID customerId, BookingStatus status, Instant paidAt) {
        boolean wasPaid() {
            return paidAt != null;
        }
    }

    private static Optional<BookingHead> bookingHead(Connection c, UUID bookingId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select customer_id, status, paid_at from booking where id = ?")) {
            q.setObject(1, bookingId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new BookingHead(rs.getObject("customer_id", UUID.class), bookingStatus(rs, "status"),
                        instant(rs.getTimestamp("paid_at")))) : Optional.empty();
            }
        }
    }

    private static List<Ticket> ticketsOf(Connection c, UUID bookingId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(TICKET_COLUMNS + " where i.booking_id = ? order by t.position, s.position")) {
            q.setObject(1, bookingId);
            try (ResultSet rs = q.executeQuery()) {
                List<Ticket> tickets = new ArrayList<>();
                while (rs.next()) {
                    tickets.add(ticket(rs));
                }
                return tickets;
            }
        }
    }

    private static Optional<Ticket> ticket(Connection c, UUID ticketId) {
        try (PreparedStatement q = c.prepareStatement(TICKET_COLUMNS + " where i.id = ?")) {
            q.setObject(1, ticketId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(rs.getObject("ticket_id", UUID.class), rs.getObject("booking_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("event_id", UUID.class), bookingStatus(rs, "booking_status"), rs.getObject("seat_id", UUID.class), rs.getString("label"),
                rs.getObject("seat_type_id", UUID.class), rs.getString("seat_type_name"), rs.getBigDecimal("price"),
                rs.getString("currency").trim(), instant(rs.getTimestamp("checked_in_at")));
    }

    private static BookingStatus bookingStatus(ResultSet rs, String column) throws SQLException {
        return Columns.enumValue(BookingStatus.class, rs.getString(column), "column " + column);
    }

    private TicketView view(Ticket t, Instant now) {
        TicketStatus status = t.isVoid() ? TicketStatus.VOID : t.checkedInAt() != null ? TicketStatus.CHECKED_IN : TicketStatus.VALID;
        DoorCodes.DoorCode door = status == TicketStatus.VOID ? null : doorCodes.current(t.id(), t.seatId(), now);
        return new TicketView(t.id(), t.seatId(), t.label(), t.seatTypeId(), status, door == null ? null : door.code(),
                door == null ? null : door.expiresAt(), t.checkedInAt(),
                status == TicketStatus.VOID ? null : printedCodes.code(t.id(), t.seatId()), t.seatTypeName(),
                t.price().setScale(2).toPlainString(), t.currency());
    }

    /** Admits the ticket; null if another door's admission of it was committed first. */
    private static Instant insert(Connection c, Ticket ticket, UUID doorStaff, String codeKind) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into check_in (ticket_id, event_id, seat_type_id, checked_in_by, code_kind) values (?, ?, ?, ?, ?)
                on conflict (ticket_id) do nothing returning checked_in_at""")) {
            insert.setObject(1, ticket.id());
            insert.setObject(2, ticket.eventId());
            insert.setObject(3, ticket.seatTypeId());
            insert.setObject(4, doorStaff);
            insert.setString(5, codeKind);
            try (ResultSet rs = insert.executeQuery()) {
                return rs.next() ? instant(rs.getTimestamp("checked_in_at")) : null;
            }
        } catch (SQLException e) {
            if (CHECK_VIOLATION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("no paid booking")) {
                // refunded between the read above and the insert: the trigger saw it under the booking's lock
                throw refusal(ProblemCode.TICKET_VOID, "This ticket was cancelled or refunded", ticket);
            }
            throw e;
        }
    }

    private static void requireEvent(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from event where id = ?")) {
            q.setObject(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw MarqueeException.notFound("Event", eventId);
                }
            }
        }
    }

    private static MarqueeException invalid(String detail) {
        return new MarqueeException(ProblemCode.INVALID_CODE, detail);
    }

    private static MarqueeException refusal(ProblemCode code, String detail, Ticket ticket) {
        return new MarqueeException(code, detail, List.of(), ticket.details());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
