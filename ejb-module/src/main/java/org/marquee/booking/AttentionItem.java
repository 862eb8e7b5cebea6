package org.marquee.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.marquee.domain.payment.Settlement;
import org.marquee.domain.booking.BookingStatus;

/**
 * One payment waiting for staff ({@link PaymentAttention}), with its booking and customer.
 * {@code failed}: the step that could not be done; {@code failureCode}, {@code failureMessage}: why;
 * {@code since}: when it started to wait.
 */
public record AttentionItem(UUID paymentId, UUID bookingId, BookingStatus bookingStatus, String eventName, UUID customerId,
                            String customerEmail, String customerName, BigDecimal amount, String currency, Settlement failed,
                            String failureCode, String failureMessage, Instant since) {
}
