package org.marquee.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A booking as its owner and staff see it ({@code GET /api/v1/bookings/{id}}). Tickets appear once it is PAID. */
public record BookingView(UUID id, UUID eventId, BookingStatus status, List<BookedSeat> seats, String amount, String currency,
                          Instant createdAt, Instant expiresAt, Instant paidAt, Instant cancelledAt, List<Ticket> tickets) {

    public record BookedSeat(UUID id, String label, UUID seatTypeId, String price) {
    }

    /** {@code code} is signed: the gate can verify it without asking the server. */
    public record Ticket(UUID id, UUID seatId, String label, String code) {
    }
}
