package org.marquee.booking;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.marquee.idempotency.IdempotencyRecords;

/**
 * The two transactions of a batch of confirms, each one call of a V18 function over plain JDBC:
 * {@link #open} before the provider authorises, {@link #pay} after. The lock order is the functions'
 * (V18) and {@link BookingTransactions}'.
 */
@Stateless
public class ConfirmBatches {

    /** A request and the provider that is to take its money. */
    public record Opening(ConfirmCommand command, String provider) {
    }

    /** A request whose payment the provider authorised under {@code reference}. */
    public record Purchase(ConfirmCommand command, UUID paymentId, String reference) {
    }

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    @Inject
    private TicketCodes tickets;

    /** Opens a PENDING payment for each request that may pay (or says why not); answers in the requests' order. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<PaymentOpening> open(List<Opening> openings) {
        int n = openings.size();
        UUID[] bookings = new UUID[n];
        UUID[] customers = new UUID[n];
        String[] providers = new String[n];
        String[] methods = new String[n];
        String[] principals = new String[n];
        String[] scopes = new String[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            ConfirmCommand c = openings.get(i).command();
            providers[i] = openings.get(i).provider();
            bookings[i] = c.bookingId();
            customers[i] = c.customerId();
            methods[i] = c.method().name();
            if (c.key() != null) {
                principals[i] = c.key().principal();
                scopes[i] = c.key().scope();
                keys[i] = c.key().key();
            }
        }
        try (Connection c = database.getConnection();
             PreparedStatement call = c.prepareStatement("select * from payment_open_batch(?, ?, ?, ?, ?, ?, ?)")) {
            call.setArray(1, c.createArrayOf("uuid", bookings));
            call.setArray(2, c.createArrayOf("uuid", customers));
            call.setArray(3, c.createArrayOf("varchar", providers));
            call.setArray(4, c.createArrayOf("varchar", methods));
            call.setArray(5, c.createArrayOf("text", principals));
            call.setArray(6, c.createArrayOf("text", scopes));
            call.setArray(7, c.createArrayOf("text", keys));
            PaymentOpening[] answers = new PaymentOpening[n];
            try (ResultSet rs = call.executeQuery()) {
                while (rs.next()) {
                    answers[rs.getInt("member") - 1] = PaymentOpening.read(rs);
                }
            }
            return List.of(answers);
        } catch (SQLException e) {
            throw new HoldBatches.BatchFailed(e);
        }
    }

    /**
     * Buys each request's booking with its authorised payment, and records the keyed requests' answers
     * in the same transaction; answers in the requests' order.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<PurchaseAnswer> pay(List<Purchase> requested) {
        // the function locks the payments in its members' order: id order (uuid text sorts as PostgreSQL
        // sorts uuids), the order of every transaction that locks several payments
        int n = requested.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> requested.get(i).paymentId().toString()));
        List<Purchase> purchases = Arrays.stream(order).map(requested::get).toList();
        UUID[] bookings = new UUID[n];
        UUID[] payments = new UUID[n];
        String[] references = new String[n];
        for (int i = 0; i < n; i++) {
            bookings[i] = purchases.get(i).command().bookingId();
            payments[i] = purchases.get(i).paymentId();
            references[i] = purchases.get(i).reference();
        }
        try (Connection c = database.getConnection()) {
            Map<Integer, List<BookingViewRow>> paid = new LinkedHashMap<>();
            PurchaseAnswer[] answers = new PurchaseAnswer[n];
            try (PreparedStatement call = c.prepareStatement("select * from booking_pay_batch(?, ?, ?)")) {
                call.setArray(1, c.createArrayOf("uuid", bookings));
                call.setArray(2, c.createArrayOf("uuid", payments));
                call.setArray(3, c.createArrayOf("varchar", references));
                try (ResultSet rs = call.executeQuery()) {
                    while (rs.next()) {
                        int member = rs.getInt("member");
                        PurchaseAnswer.Outcome outcome = PurchaseAnswer.Outcome.of(rs.getString("outcome"));
                        if (outcome == PurchaseAnswer.Outcome.PAID) {
                            paid.computeIfAbsent(member, m -> new ArrayList<>()).add(BookingViewRow.read(rs));
                        } else {
                            answers[member - 1] = new PurchaseAnswer.NotBought(outcome, rs.getBoolean("voided"));
                        }
                    }
                }
            }
            List<IdempotencyRecords.Recorded> records = new ArrayList<>();
            paid.forEach((member, rows) -> {
                ConfirmCommand command = purchases.get(member - 1).command();
                BookingView view = BookingViewRow.view(rows, tickets);
                String body = command.bodies() == null ? null : command.bodies().booking(view);
                answers[member - 1] = new PurchaseAnswer.Paid(view, body);
                if (command.key() != null) {
                    records.add(new IdempotencyRecords.Recorded(command.key(), 200, body, view.id()));
                }
            });
            IdempotencyRecords.insert(c, records, true);
            PurchaseAnswer[] inRequestedOrder = new PurchaseAnswer[n];
            for (int m = 0; m < n; m++) {
                inRequestedOrder[order[m]] = answers[m];
            }
            return List.of(inRequestedOrder);
        } catch (SQLException e) {
            throw new HoldBatches.BatchFailed(e);
        }
    }
}
