package org.marquee.booking;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.marquee.persistence.Columns;
import org.marquee.persistence.RowReader;
import org.marquee.domain.booking.BookingStatus;

/**
 * One row of {@code booking_view} (V16): the booking, and one of its items (null for a booking without
 * items). A booking is all its rows. The batch functions return these columns among their own, read by
 * name ({@link #read}); {@code select * from booking_view(...)} returns exactly these ({@link #from}).
 */
record BookingViewRow(UUID id, UUID eventId, BookingStatus status, BigDecimal amount, String currency, Instant createdAt,
                      Instant expiresAt, Instant paidAt, Instant cancelledAt, Item item) {

    /** One booked seat. */
    record Item(UUID id, UUID seatId, String label, UUID seatTypeId, BigDecimal price) {
    }

    static BookingViewRow read(ResultSet rs) throws SQLException {
        String seat = rs.getString("seat_id");
        Item item = seat == null ? null : new Item(UUID.fromString(rs.getString("item_id")), UUID.fromString(seat), rs.getString("label"),
                UUID.fromString(rs.getString("seat_type_id")), rs.getBigDecimal("price"));
        return new BookingViewRow(UUID.fromString(rs.getString("booking_id")), UUID.fromString(rs.getString("event_id")),
                Columns.enumValue(BookingStatus.class, rs.getString("status"), "booking status"), rs.getBigDecimal("amount"), rs.getString("currency"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "paid_at"), instant(rs, "cancelled_at"), item);
    }

    /** A row of {@code select * from booking_view(...)}, in the function's column order. */
    static BookingViewRow from(Object columns) {
        RowReader r = RowReader.of(columns);
        UUID id = r.uuid();
        UUID eventId = r.uuid();
        BookingStatus status = r.enumValue(BookingStatus.class);
        BigDecimal amount = r.decimal();
        String currency = r.text();
        Instant createdAt = r.instant();
        Instant expiresAt = r.instantOrNull();
        Instant paidAt = r.instantOrNull();
        Instant cancelledAt = r.instantOrNull();
        UUID itemId = r.uuidOrNull();
        Item item = itemId == null ? null : new Item(itemId, r.uuid(), r.text(), r.uuid(), r.decimal());
        return new BookingViewRow(id, eventId, status, amount, currency, createdAt, expiresAt, paidAt, cancelledAt, item);
    }

    /** The booking these rows describe; a PAID booking's tickets are signed with {@code tickets}. */
    static BookingView view(List<BookingViewRow> rows, TicketCodes tickets) {
        BookingViewRow b = rows.get(0);
        List<BookingView.BookedSeat> seats = new ArrayList<>();
        List<BookingView.Ticket> issued = b.status() == BookingStatus.PAID ? new ArrayList<>() : null;
        for (BookingViewRow r : rows) {
            Item i = r.item();
            if (i != null) {
                seats.add(new BookingView.BookedSeat(i.seatId(), i.label(), i.seatTypeId(), i.price().setScale(2).toPlainString()));
                if (issued != null) {
                    issued.add(new BookingView.Ticket(i.id(), i.seatId(), i.label(), tickets.code(i.id(), i.seatId())));
                }
            }
        }
        return new BookingView(b.id(), b.eventId(), b.status(), seats, b.amount().setScale(2).toPlainString(), b.currency().trim(),
                b.createdAt(), b.expiresAt(), b.paidAt(), b.cancelledAt(), issued);
    }

    /**
     * A timestamptz column. Read as a {@link Timestamp}, which for timestamptz is the exact
     * instant: the server's pool wraps result sets and serves {@code getObject(column, type)} by
     * reflection on every call, which showed in profiles of the booking path (each answer reads four).
     */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
