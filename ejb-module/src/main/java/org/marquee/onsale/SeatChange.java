package org.marquee.onsale;

import java.util.UUID;

/** One seat's new status (AVAILABLE, HELD or SOLD) as the seat stream sends it; {@code id} orders an event's changes on this node. */
public record SeatChange(String id, UUID seatId, UUID seatTypeId, String status) {
}
