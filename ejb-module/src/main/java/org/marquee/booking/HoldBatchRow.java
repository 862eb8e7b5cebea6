package org.marquee.booking;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@code booking_hold_batch} (V17), read by column name: a member's outcome, and for HELD one
 * item of its booking (one row per item), for REPLAY the recorded answer.
 */
record HoldBatchRow(int member, HoldOutcome outcome, String detail, Integer replayStatus, String replayBody, String replayHash,
                    BookingRow booking, ItemRow item) {

    /** The booking columns of a HELD row (booking_view's). */
    record BookingRow(UUID id, UUID eventId, BookingStatus status, BigDecimal amount, String currency, Instant createdAt,
                      Instant expiresAt, Instant paidAt, Instant cancelledAt) {
    }

    /** The item columns of a HELD row. */
    record ItemRow(UUID seatId, String label, UUID seatTypeId, BigDecimal price) {
    }

    static HoldBatchRow read(ResultSet rs) throws SQLException {
        HoldOutcome outcome = HoldOutcome.valueOf(rs.getString("outcome"));
        BookingRow booking = null;
        ItemRow item = null;
        if (outcome == HoldOutcome.HELD) {
            booking = new BookingRow(UUID.fromString(rs.getString("booking_id")), UUID.fromString(rs.getString("event_id")),
                    BookingStatus.valueOf(rs.getString("status")), rs.getBigDecimal("amount"), rs.getString("currency"),
                    instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "paid_at"), instant(rs, "cancelled_at"));
            String seat = rs.getString("seat_id");
            if (seat != null) {
                item = new ItemRow(UUID.fromString(seat), rs.getString("label"), UUID.fromString(rs.getString("seat_type_id")),
                        rs.getBigDecimal("price"));
            }
        }
        int status = rs.getInt("replay_status");
        Integer replayStatus = rs.wasNull() ? null : status;
        return new HoldBatchRow(rs.getInt("member"), outcome, rs.getString("detail"), replayStatus,
                rs.getString("replay_body"), rs.getString("replay_hash"), booking, item);
    }

    /** The booking a member's HELD rows describe, as {@code BookingTransactions.view} shows a hold. */
    static BookingView view(List<HoldBatchRow> rows) {
        BookingRow b = rows.get(0).booking();
        List<BookingView.BookedSeat> seats = new ArrayList<>();
        for (HoldBatchRow r : rows) {
            if (r.item() != null) {
                seats.add(new BookingView.BookedSeat(r.item().seatId(), r.item().label(), r.item().seatTypeId(),
                        r.item().price().setScale(2).toPlainString()));
            }
        }
        return new BookingView(b.id(), b.eventId(), b.status(), seats, b.amount().setScale(2).toPlainString(), b.currency().trim(),
                b.createdAt(), b.expiresAt(), b.paidAt(), b.cancelledAt(), null);
    }

    /** The rows of each member (1-based), in the function's order. */
    static Map<Integer, List<HoldBatchRow>> byMember(List<HoldBatchRow> rows) {
        Map<Integer, List<HoldBatchRow>> members = new LinkedHashMap<>();
        rows.forEach(r -> members.computeIfAbsent(r.member(), m -> new ArrayList<>()).add(r));
        return members;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
