package org.marquee.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code booking_hold_batch} (V17), read by column name: a member's outcome, and for HELD one
 * row of its booking (one row per item), for REPLAY the recorded answer.
 */
record HoldBatchRow(int member, HoldOutcome outcome, String detail, Integer replayStatus, String replayBody, String replayHash,
                    BookingViewRow booking) {

    static HoldBatchRow read(ResultSet rs) throws SQLException {
        HoldOutcome outcome = HoldOutcome.of(rs.getString("outcome"));
        BookingViewRow booking = outcome == HoldOutcome.HELD ? BookingViewRow.read(rs) : null;
        int status = rs.getInt("replay_status");
        Integer replayStatus = rs.wasNull() ? null : status;
        return new HoldBatchRow(rs.getInt("member"), outcome, rs.getString("detail"), replayStatus,
                rs.getString("replay_body"), rs.getString("replay_hash"), booking);
    }

    /** The booking a member's HELD rows describe, as {@code BookingTransactions.view} shows a hold (no tickets). */
    static BookingView view(List<HoldBatchRow> rows) {
        return BookingViewRow.view(rows.stream().map(HoldBatchRow::booking).toList(), null);
    }

    /** The rows of each member (1-based), in the function's order. */
    static Map<Integer, List<HoldBatchRow>> byMember(List<HoldBatchRow> rows) {
        Map<Integer, List<HoldBatchRow>> members = new LinkedHashMap<>();
        rows.forEach(r -> members.computeIfAbsent(r.member(), m -> new ArrayList<>()).add(r));
        return members;
    }
}
