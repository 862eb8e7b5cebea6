package org.marquee.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.booking.BookingStatus;

/** A booking as its owner and staff see it ({@code GET /api/v1/bookings/{id}}). Tickets appear once it is PAID. */
public record BookingView(UUID id, UUID eventId, BookingStatus status, List<BookedSeat> seats,
                          @Schema(pattern = "^[0-9]+\\.[0-9]{2}$", example = "70.00", description = "decimal string") String amount, @Schema(example = "USD") String currency,
                          Instant createdAt, Instant expiresAt, Instant paidAt, Instant cancelledAt, List<Ticket> tickets) {

    public record BookedSeat(UUID id, @Schema(example = "101-A-7") String label, UUID seatTypeId, @Schema(pattern = "^[0-9]+\\.[0-9]{2}$", example = "70.00", description = "decimal string") String price) {
    }

    /** {@code code} is signed: the gate can verify it without asking the server. */
    @Schema(name = "BookingTicket")
    public record Ticket(UUID id, UUID seatId, String label, @Schema(description = "signed ticket code MQ1.<ticket>.<signature>") String code) {
    }
}
