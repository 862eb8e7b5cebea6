package org.marquee.booking;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.persistence.Columns;
import org.marquee.domain.booking.Booking;

/**
 * The first step of a confirm, as {@code payment_open_batch} (V18) answered it for one request.
 *
 * @param paymentId  the PENDING payment opened (OPENED only)
 * @param paymentKey its idempotency key at the provider, without the operation's prefix (OPENED only)
 */
record PaymentOpening(Outcome outcome, UUID paymentId, String paymentKey, BigDecimal amount, String currency,
                      Integer replayStatus, String replayBody, String replayHash) {

    /** One row of {@code payment_open_batch} (V18), read by column name (its {@code member} column is the caller's). */
    static PaymentOpening read(ResultSet rs) throws SQLException {
        int status = rs.getInt("replay_status");
        Integer replayStatus = rs.wasNull() ? null : status;
        String payment = rs.getString("payment_id");
        return new PaymentOpening(Outcome.of(rs.getString("outcome")), payment == null ? null : UUID.fromString(payment),
                rs.getString("payment_key"), rs.getBigDecimal("amount"), rs.getString("currency"), replayStatus,
                rs.getString("replay_body"), rs.getString("replay_hash"));
    }

    enum Outcome {
        /** A PENDING payment was opened: authorise it. */
        OPENED,
        /** The request's idempotency key has an answer already. */
        REPLAY,
        /** No such booking, or not the caller's. */
        NO_BOOKING,
        /** Paid already: the answer is the booking. */
        PAID,
        CANCELLED,
        TIMEOUT,
        EXPIRED,
        /** Another payment of the booking is in flight. */
        IN_PROGRESS;

        static Outcome of(String outcome) {
            return Columns.enumValue(Outcome.class, outcome, "payment_open_batch's outcome");
        }

        /** Why a booking in this state cannot be paid (not for OPENED, REPLAY or PAID). */
        MarqueeException refusal(UUID bookingId) {
            return switch (this) {
                case NO_BOOKING -> MarqueeException.notFound("Booking", bookingId);
                case CANCELLED -> new MarqueeException(ProblemCode.CONFLICT, "The booking was cancelled");
                case TIMEOUT, EXPIRED -> new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold expired; hold the seats again");
                // says "retry": not the final answer of an idempotency key, so it is not recorded for one
                case IN_PROGRESS -> new MarqueeException(ProblemCode.CONFLICT, "A payment for this booking is already in progress; retry shortly",
                        List.of(), Map.of(MarqueeException.RETRY_AFTER_SECONDS, 1));
                default -> throw new IllegalStateException(this + " is not a refusal");
            };
        }
    }
}
