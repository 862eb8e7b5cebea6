package org.marquee.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sold-seat audit, shared by the booking tests and the on-sale benchmark (one set of queries: the
 * benchmark reports exactly what the tests assert).
 */
public final class SeatAudit {

    private SeatAudit() {
    }

    /**
     * The sold-seat audit over the whole database: every number here must be zero after any run.
     * Checked with plain SQL, independently of the application's own bookkeeping.
     */
    public static Map<String, Long> audit(Connection db) throws SQLException {
        Map<String, Long> findings = new LinkedHashMap<>();
        findings.put("seats in two live bookings", count(db, """
                select count(*) from (select seat_id from booking_item b join booking k on k.id = b.booking_id
                 where k.status in ('PENDING_PAYMENT', 'PAID') group by seat_id having count(*) > 1) x"""));
        findings.put("sold seats without a paid booking", count(db, """
                select count(*) from seat s left join booking b on b.id = s.booking_id
                 where s.status = 'SOLD' and (b.status is distinct from 'PAID')"""));
        findings.put("paid bookings whose seats are not all sold", count(db, """
                select count(*) from booking b where b.status = 'PAID' and exists (
                  select 1 from booking_item i left join seat s on s.id = i.seat_id and s.booking_id = b.id and s.status = 'SOLD'
                   where i.booking_id = b.id and s.id is null)"""));
        findings.put("paid bookings without a captured payment of their amount", settled(db, """
                select count(*) from booking b where b.status = 'PAID' and not exists (
                  select 1 from payment p where p.booking_id = b.id and p.status = 'CAPTURED' and p.amount = b.amount)"""));
        findings.put("captured payments without a paid booking", count(db, """
                select count(*) from payment p join booking b on b.id = p.booking_id where p.status = 'CAPTURED' and b.status <> 'PAID'"""));
        findings.put("seat types whose counters disagree with their seats", count(db, """
                select count(*) from (
                  select t.id, (select coalesce(sum(available), 0) from seat_counter c where c.seat_type_id = t.id) as a,
                         (select coalesce(sum(held), 0) from seat_counter c where c.seat_type_id = t.id) as h,
                         (select coalesce(sum(sold), 0) from seat_counter c where c.seat_type_id = t.id) as s,
                         (select coalesce(sum(total), 0) from seat_counter c where c.seat_type_id = t.id) as n,
                         (select count(*) filter (where status = 'AVAILABLE') from seat x where x.seat_type_id = t.id) as ra,
                         (select count(*) filter (where status = 'HELD') from seat x where x.seat_type_id = t.id) as rh,
                         (select count(*) filter (where status = 'SOLD') from seat x where x.seat_type_id = t.id) as rs
                    from seat_type t) c
                 where a <> ra or h <> rh or s <> rs or a + h + s <> n"""));
        return findings;
    }

    /** A count that captures still in flight bring to zero: read again for up to 30 s while it is not. */
    private static long settled(Connection db, String sql) throws SQLException {
        long found = count(db, sql);
        for (int i = 0; i < 60 && found > 0; i++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = count(db, sql);
        }
        if (found > 0) {
            System.err.println("[audit] paid bookings without captured money: " + unsettledPaid(db));
        }
        return found;
    }

    /** What a failing money check found, for the failure's message: each such booking's payments. */
    public static String unsettledPaid(Connection db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select e.name, b.id, b.created_at, p.status, p.attention_operation, p.failure_code, p.created_at
                  from booking b join event e on e.id = b.event_id left join payment p on p.booking_id = b.id
                 where b.status = 'PAID' and not exists (
                   select 1 from payment c where c.booking_id = b.id and c.status = 'CAPTURED' and c.amount = b.amount)
                 order by b.created_at""")) {
            while (rs.next()) {
                out.append("\n  event '").append(rs.getString(1)).append("' booking ").append(rs.getString(2))
                        .append(" made ").append(rs.getString(3)).append(": payment ").append(rs.getString(4))
                        .append(" attention ").append(rs.getString(5)).append(" failure ").append(rs.getString(6))
                        .append(" opened ").append(rs.getString(7));
            }
        }
        return out.toString();
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String one(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
