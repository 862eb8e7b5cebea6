package org.marquee.booking;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.marquee.booking.HoldAnswer.Held;
import org.marquee.booking.HoldAnswer.Refused;
import org.marquee.booking.HoldAnswer.Replayed;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.idempotency.IdempotencyRecords;
import org.marquee.idempotency.IdempotencyStore;

/**
 * One batch of holds in one transaction: one call of {@code booking_hold_batch} (V17) for every member,
 * then one statement recording the answers of the members that carried an idempotency key, then COMMIT
 * (when {@link #run} returns). So a held request's record is durable exactly when its hold is, and a
 * refusal's record costs no transaction of its own. The lock order is in {@link BookingTransactions}.
 */
@Stateless
public class HoldBatches {

    /** A request of the batch: the command and, when it has an idempotency key, how to render its answer. */
    public record Member(HoldCommand command, AnswerBodies bodies) {
    }

    /** The batch could not run as a whole (a database error): nothing of it was written. */
    public static class BatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    /** Runs the members in their order and commits; the answers are in the members' order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<HoldAnswer> run(List<Member> members) {
        try (Connection c = database.getConnection()) {
            List<UUID> bookingIds = members.stream().map(m -> UUID.randomUUID()).toList();
            List<HoldBatchRow> rows = call(c, members, bookingIds);
            Map<Integer, List<HoldBatchRow>> byMember = HoldBatchRow.byMember(rows);
            List<HoldAnswer> answers = new ArrayList<>(members.size());
            List<IdempotencyRecords.Recorded> records = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                List<HoldBatchRow> own = byMember.get(i + 1);
                if (own == null) {
                    throw new IllegalStateException("booking_hold_batch gave no answer to member " + (i + 1));
                }
                HoldAnswer answer = answer(member, own);
                answers.add(answer);
                IdempotencyStore.Key key = member.command().key();
                if (key != null && answer instanceof Held held) {
                    records.add(new IdempotencyRecords.Recorded(key, 201, held.body(), held.view().id()));
                } else if (key != null && answer instanceof Refused refused && own.get(0).outcome() != HoldOutcome.REPLAY) {
                    records.add(new IdempotencyRecords.Recorded(key, refused.refusal().code().status(), member.bodies().refused(refused.refusal()), null));
                }
            }
            IdempotencyRecords.insert(c, records, false);
            return answers;
        } catch (SQLException e) {
            throw new BatchFailed(e);
        }
    }

    private static HoldAnswer answer(Member member, List<HoldBatchRow> rows) {
        HoldBatchRow first = rows.get(0);
        HoldCommand command = member.command();
        return switch (first.outcome()) {
            case HELD -> {
                BookingView view = HoldBatchRow.view(rows);
                yield new Held(view, member.bodies() == null ? null : member.bodies().booking(view));
            }
            case REPLAY -> command.key().requestHash().equals(first.replayHash())
                    ? new Replayed(first.replayStatus(), first.replayBody())
                    : new Refused(conflict(command.key()));
            default -> new Refused(first.outcome().refusal(command.eventId(), first.detail()));
        };
    }

    /** The same key with another request: 422, not recorded (the key keeps its first answer). */
    public static MarqueeException conflict(IdempotencyStore.Key key) {
        return new MarqueeException(ProblemCode.IDEMPOTENCY_CONFLICT, "Idempotency-Key " + key.key() + " was used for a different request",
                List.of(), Map.of());
    }

    private static List<HoldBatchRow> call(Connection c, List<Member> members, List<UUID> bookingIds) throws SQLException {
        int n = members.size();
        UUID[] customers = new UUID[n];
        UUID[] events = new UUID[n];
        UUID[] types = new UUID[n];
        Integer[] quantities = new Integer[n];
        String[] principals = new String[n];
        String[] scopes = new String[n];
        String[] keys = new String[n];
        List<UUID> seats = new ArrayList<>();
        List<Integer> seatMembers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HoldCommand command = members.get(i).command();
            customers[i] = command.customerId();
            events[i] = command.eventId();
            if (command.chosenSeats()) {
                for (UUID seat : command.seatIds()) {
                    seats.add(seat);
                    seatMembers.add(i + 1);
                }
            } else {
                types[i] = command.seatTypeId();
                quantities[i] = command.quantity();
            }
            if (command.key() != null) {
                principals[i] = command.key().principal();
                scopes[i] = command.key().scope();
                keys[i] = command.key().key();
            }
        }
        try (PreparedStatement call = c.prepareStatement("""
                select * from booking_hold_batch(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            call.setArray(1, c.createArrayOf("uuid", bookingIds.toArray()));
            call.setArray(2, c.createArrayOf("uuid", customers));
            call.setArray(3, c.createArrayOf("uuid", events));
            call.setArray(4, c.createArrayOf("uuid", types));
            call.setArray(5, c.createArrayOf("int4", quantities));
            call.setArray(6, c.createArrayOf("uuid", seats.toArray()));
            call.setArray(7, c.createArrayOf("int4", seatMembers.toArray()));
            call.setArray(8, c.createArrayOf("text", principals));
            call.setArray(9, c.createArrayOf("text", scopes));
            call.setArray(10, c.createArrayOf("text", keys));
            call.setInt(11, BookingTransactions.LIVE_HOLDS_PER_EVENT);
            List<HoldBatchRow> rows = new ArrayList<>();
            try (ResultSet rs = call.executeQuery()) {
                while (rs.next()) {
                    rows.add(HoldBatchRow.read(rs));
                }
            }
            return rows;
        }
    }
}
