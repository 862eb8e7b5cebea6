package org.marquee.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of a {@code seat-holds} cache entry (the key is the seat id): which booking holds the seat,
 * of which event, until when. Stored as {@code "bookingId|eventId|expiresAtMillis"}, a plain string,
 * so every node of the cluster reads it without a marshaller.
 */
public record SeatHoldValue(UUID bookingId, UUID eventId, long expiresAtMillis) {

    private static final char SEPARATOR = '|';

    public SeatHoldValue(UUID bookingId, UUID eventId, Instant expiresAt) {
        this(bookingId, eventId, expiresAt.toEpochMilli());
    }

    public String encode() {
        return bookingId.toString() + SEPARATOR + eventId + SEPARATOR + expiresAtMillis;
    }

    public static SeatHoldValue decode(String value) {
        int first = value.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : value.indexOf(SEPARATOR, first + 1);
        if (second < 0 || value.indexOf(SEPARATOR, second + 1) >= 0) {
            throw malformed(value, null);
        }
        try {
            return new SeatHoldValue(UUID.fromString(value.substring(0, first)), UUID.fromString(value.substring(first + 1, second)),
                    Long.parseLong(value.substring(second + 1)));
        } catch (IllegalArgumentException e) {
            throw malformed(value, e);
        }
    }

    /** Only the expiry of an encoded value: the hold path's pre-check needs nothing else, so it parses nothing else. */
    public static long expiresAtMillis(String value) {
        try {
            return Long.parseLong(value, value.lastIndexOf(SEPARATOR) + 1, value.length(), 10);
        } catch (NumberFormatException e) {
            throw malformed(value, e);
        }
    }

    private static IllegalArgumentException malformed(String value, Exception cause) {
        return new IllegalArgumentException("Not a seat-holds value (bookingId|eventId|expiresAtMillis): " + value, cause);
    }
}
