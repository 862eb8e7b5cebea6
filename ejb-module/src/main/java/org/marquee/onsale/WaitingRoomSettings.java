package org.marquee.onsale;

/**
 * A waiting room's settings ({@code PUT /api/v1/events/{id}/waiting-room}). {@code maxSeatsPerAccount} (optional,
 * Marquee's addition) caps the seats one account may hold or own for the event across all its bookings.
 */
public record WaitingRoomSettings(Boolean enabled, Integer admitPerMinute, Integer shoppingWindowSeconds, Integer maxSeatsPerAccount) {
}
