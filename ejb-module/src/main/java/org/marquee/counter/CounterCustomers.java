package org.marquee.counter;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;

/**
 * Who a counter sale was for. A booking sold at the counter belongs to the clerk's account; the fan's
 * name and e-mail address, when the fan gives them, are kept beside it ({@code counter_customer}, V21) so
 * that Support finds the sale by the fan's address and the tickets name the fan.
 */
@Stateless
public class CounterCustomers {

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    /** The fan of a counter sale; either part may be missing, not both. */
    public record CounterCustomer(String name, String email) {
    }

    /** Checks what the clerk typed: both may be empty; a name of at most 200 characters, an e-mail address that looks like one. */
    public static Optional<CounterCustomer> of(String name, String email) {
        String n = name == null || name.isBlank() ? null : name.strip();
        String e = email == null || email.isBlank() ? null : email.strip();
        List<FieldError> errors = new ArrayList<>();
        if (n != null && n.length() > 200) {
            errors.add(new FieldError("customerName", "is too long: at most 200 characters"));
        }
        if (e != null && (e.length() > 254 || e.indexOf('@') < 1 || e.indexOf('@') == e.length() - 1 || e.contains(" "))) {
            errors.add(new FieldError("customerEmail", "is not an e-mail address (like fan@example.com)"));
        }
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
        return n == null && e == null ? Optional.empty() : Optional.of(new CounterCustomer(n, e));
    }

    /** Records (or replaces) the fan of a counter sale; staff only. */
    public void record(Caller caller, UUID bookingId, CounterCustomer customer) {
        requireStaff(caller);
        try (Connection c = database.getConnection(); PreparedStatement upsert = c.prepareStatement("""
                insert into counter_customer (booking_id, name, email) values (?, ?, ?)
                on conflict (booking_id) do update set name = excluded.name, email = excluded.email""")) {
            upsert.setObject(1, bookingId);
            upsert.setString(2, customer.name());
            upsert.setString(3, customer.email());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<CounterCustomer> find(Caller caller, UUID bookingId) {
        requireStaff(caller);
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement(
                "select name, email from counter_customer where booking_id = ?")) {
            q.setObject(1, bookingId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new CounterCustomer(rs.getString("name"), rs.getString("email"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counter sales to this e-mail address, newest first (at most 50). */
    public List<UUID> bookingsOf(Caller caller, String email) {
        requireStaff(caller);
        if (email == null || !email.contains("@")) {
            return List.of();
        }
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement("""
                select k.booking_id from counter_customer k join booking b on b.id = k.booking_id
                 where lower(k.email) = lower(?) order by b.created_at desc, b.id limit 50""")) {
            q.setString(1, email.strip());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject("booking_id", UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isStaff()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only box-office staff record counter customers");
        }
    }
}
