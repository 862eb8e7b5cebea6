package org.marquee.catalog;

import java.util.UUID;
import org.marquee.domain.inventory.SeatStatus;

/** A numbered seat on the seat map ({@code GET /api/v1/events/{id}/seats}). */
public record SeatView(UUID id, UUID seatTypeId, String section, String row, Integer number, String label, SeatStatus status) {
}
