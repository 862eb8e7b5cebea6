package org.marquee.onsale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A waiting room's settings ({@code PUT /api/v1/events/{id}/waiting-room}). {@code maxSeatsPerAccount} (optional,
 * Marquee's addition) caps the seats one account may hold or own for the event across all its bookings.
 */
public record WaitingRoomSettings(@Schema(required = true, example = "true") Boolean enabled,
                                  @Schema(minimum = "1", maximum = "600000", defaultValue = "600") Integer admitPerMinute,
                                  @Schema(minimum = "5", maximum = "3600", defaultValue = "600") Integer shoppingWindowSeconds,
                                  @Schema(minimum = "1", maximum = "1000", description = "absent: no cap") Integer maxSeatsPerAccount) {
}
