package org.marquee.catalog;

import java.util.UUID;

/**
 * The live part of a seat map: every numbered seat's status, in the order of the event's
 * {@link SeatLayout}, packed by {@link SeatStatusCodes}, with the counts it shows.
 */
public record SeatStatusView(UUID eventId, int seatCount, int available, int held, int sold, String statuses) {
}
