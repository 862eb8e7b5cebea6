package org.marquee.onsale;

import java.util.UUID;

/**
 * One seat's new status (AVAILABLE, HELD or SOLD) as the seat stream sends it; {@code id} orders an event's
 * changes on this node; {@code index} is the seat's place in the seat map's order (GET /events/{id}/seats/layout
 * and /seats/status), so a client patches its status string without a lookup.
 */
public record SeatChange(String id, UUID seatId, UUID seatTypeId, String status, Integer index) {
}
