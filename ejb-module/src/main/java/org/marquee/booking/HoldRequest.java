package org.marquee.booking;

import java.util.List;

/**
 * A request to hold seats ({@code POST /api/v1/bookings}): either {@code seatIds} (numbered seats, all or
 * nothing) or {@code seatTypeId} + {@code quantity} (best available / general admission). Ids are
 * strings so a malformed one is a field error, not a parse failure.
 */
public record HoldRequest(String eventId, List<String> seatIds, String seatTypeId, Integer quantity) {
}
