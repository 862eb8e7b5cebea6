package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four data invariants (docs/invariants.md) hold in PostgreSQL itself: these tests bypass the application
 * and write SQL directly, as a buggy or hostile code path would, and the database refuses.
 */
class DatabaseInvariantsIT extends MarqueeIT {

    private UUID event;
    private UUID seatType;
    private UUID customer;
    private UUID[] seats;

    @BeforeEach
    void inventory() throws SQLException {
        event = UUID.randomUUID();
        seatType = UUID.randomUUID();
        customer = UUID.randomUUID();
        seats = new UUID[] {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        try (Connection db = database()) {
            exec(db, "insert into event (id, code, name, category, start_at, sale_start_at, sale_end_at) "
                    + "values (?, ?, 'Invariants', 'OTHER', now() + interval '10 days', now() - interval '1 day', now() + interval '9 days')",
                    event, "INV-" + event);
            exec(db, "insert into seat_type (id, event_id, name, price, currency, reserved_seating, total, position) "
                    + "values (?, ?, 'A', 10, 'USD', true, 4, 0)", seatType, event);
            for (int i = 0; i < seats.length; i++) {
                exec(db, "insert into seat (id, event_id, seat_type_id, label, position, counter_shard) values (?, ?, ?, ?, ?, ?)",
                        seats[i], event, seatType, "S" + i, i, (short) (i % 2));
            }
            exec(db, "insert into app_user (id, email, name, password_hash) values (?, ?, 'Inv', 'x')", customer, customer + "@example.org");
        }
    }

    @Test
    void aSeatCannotBelongToTwoLiveBookings() throws SQLException {
        try (Connection db = database()) {
            hold(db, seats[0]);
            SQLException e = assertThrows(SQLException.class, () -> hold(db, seats[0]));
            assertTrue(e.getMessage().contains("booking_item_one_live_per_seat"), e.getMessage());
        }
        assertCounts(3, 1, 0);
    }

    @Test
    void aSeatIsSoldOnlyWithAPaidBookingThatHoldsIt() throws SQLException {
        try (Connection db = database()) {
            UUID booking = hold(db, seats[0]);
            SQLException notPaid = assertThrows(SQLException.class,
                    () -> exec(db, "update seat set status = 'SOLD' where id = ?", seats[0]));
            assertTrue(notPaid.getMessage().contains("does not match booking"), notPaid.getMessage());
            SQLException noItem = assertThrows(SQLException.class,
                    () -> exec(db, "update seat set status = 'SOLD', booking_id = ? where id = ?", booking, seats[1]));
            assertTrue(noItem.getMessage().contains("seat_booking_item_fk"), noItem.getMessage());
        }
        assertCounts(3, 1, 0);
    }

    @Test
    void countersAlwaysBalanceAndCannotBeForged() throws SQLException {
        try (Connection db = database()) {
            UUID booking = hold(db, seats[0]);
            buy(db, booking);
            assertCounts(3, 0, 1);
            SQLException e = assertThrows(SQLException.class,
                    () -> exec(db, "update seat_counter set sold = sold + 1 where seat_type_id = ?", seatType));
            assertTrue(e.getMessage().contains("seat_counter_balanced"), e.getMessage());
        }
    }

    @Test
    void capturedMoneyNeedsAPaidBookingOrARefund() throws SQLException {
        try (Connection db = database()) {
            UUID booking = hold(db, seats[0]);
            SQLException early = assertThrows(SQLException.class, () -> exec(db,
                    "insert into payment (id, booking_id, provider, idempotency_key, status, amount, currency) "
                            + "values (?, ?, 'test', ?, 'CAPTURED', 10, 'USD')", UUID.randomUUID(), booking, "k-" + booking));
            assertTrue(early.getMessage().contains("not PAID"), early.getMessage());

            UUID payment = buy(db, booking);
            // cancelling the sale while keeping the money is refused ...
            db.setAutoCommit(false);
            exec(db, "update booking set status = 'CANCELLED', cancelled_at = now() where id = ?", booking);
            exec(db, "update seat set status = 'AVAILABLE', booking_id = null, held_until = null where booking_id = ?", booking);
            SQLException kept = assertThrows(SQLException.class, db::commit);
            assertTrue(kept.getMessage().contains("not PAID"), kept.getMessage());
            db.rollback();
            // ... and accepted with the refund, which the payment history records.
            exec(db, "update booking set status = 'CANCELLED', cancelled_at = now() where id = ?", booking);
            exec(db, "update seat set status = 'AVAILABLE', booking_id = null, held_until = null where booking_id = ?", booking);
            exec(db, "update payment set status = 'REFUNDED', refunded_amount = amount where id = ?", payment);
            db.commit();
            db.setAutoCommit(true);
            try (PreparedStatement q = db.prepareStatement("select string_agg(status, ',' order by id) from payment_event where payment_id = ?")) {
                q.setObject(1, payment);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals("CAPTURED,REFUNDED", rs.getString(1));
                }
            }
        }
        assertCounts(4, 0, 0);
    }

    /** Holds one seat the way the booking service does, in one transaction. */
    private UUID hold(Connection db, UUID seat) throws SQLException {
        UUID booking = UUID.randomUUID();
        db.setAutoCommit(false);
        try {
            exec(db, "insert into booking (id, customer_id, event_id, status, amount, currency, expires_at) "
                    + "values (?, ?, ?, 'PENDING_PAYMENT', 10, 'USD', now() + interval '10 minutes')", booking, customer, event);
            exec(db, "insert into booking_item (id, booking_id, seat_id, seat_type_id, price) values (?, ?, ?, ?, 10)",
                    UUID.randomUUID(), booking, seat, seatType);
            exec(db, "update seat set status = 'HELD', booking_id = ?, held_until = now() + interval '10 minutes' where id = ?", booking, seat);
            db.commit();
            return booking;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private UUID buy(Connection db, UUID booking) throws SQLException {
        UUID payment = UUID.randomUUID();
        db.setAutoCommit(false);
        exec(db, "update booking set status = 'PAID', paid_at = now() where id = ?", booking);
        exec(db, "update seat set status = 'SOLD' where booking_id = ?", booking);
        exec(db, "insert into payment (id, booking_id, provider, idempotency_key, status, amount, currency) "
                + "values (?, ?, 'test', ?, 'CAPTURED', 10, 'USD')", payment, booking, "pay-" + booking);
        db.commit();
        db.setAutoCommit(true);
        return payment;
    }

    private void assertCounts(int available, int held, int sold) throws SQLException {
        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select sum(total), sum(available), sum(held), sum(sold), "
                     + "(select count(*) from seat where seat_type_id = ? and status = 'AVAILABLE') "
                     + "from seat_counter where seat_type_id = ?")) {
            q.setObject(1, seatType);
            q.setObject(2, seatType);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(4, rs.getInt(1), "total");
                assertEquals(available, rs.getInt(2), "available");
                assertEquals(held, rs.getInt(3), "held");
                assertEquals(sold, rs.getInt(4), "sold");
                assertEquals(available, rs.getInt(5), "counter agrees with the seat rows");
            }
        }
    }

    private static void exec(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

}
