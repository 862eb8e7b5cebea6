package org.marquee.catalog;

import java.util.UUID;
import org.marquee.inventory.SeatStatus;

/** A numbered seat on the seat map (API.md, GET /events/{id}/seats). */
public record SeatView(UUID id, UUID seatTypeId, String section, String row, Integer number, String label, SeatStatus status) {
}
