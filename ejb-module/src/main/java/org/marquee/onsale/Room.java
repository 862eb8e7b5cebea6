package org.marquee.onsale;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's waiting room as stored (table {@code waiting_room}) plus the event's sale start.
 *
 * <p>Admission is a function of time, the same on every node: once the room is open, place {@code n} is
 * admitted at {@code anchorAt + (n - anchorNumber) × 60 s / admitPerMinute}; a change of rate re-anchors at
 * the place admitted by then. Nothing has to run for a buyer to be admitted, and no two nodes can disagree.
 */
public record Room(UUID eventId, boolean enabled, int admitPerMinute, int shoppingWindowSeconds, Integer maxSeatsPerAccount,
                   Instant openedAt, Instant anchorAt, long anchorNumber, long lastNumber, Instant saleStartAt) {

    public boolean open() {
        return openedAt != null;
    }

    /** The highest place admitted at {@code now} (0 before the room opens). */
    public long admittedThrough(Instant now) {
        if (anchorAt == null || now.isBefore(anchorAt)) {
            return anchorNumber;
        }
        long millis = now.toEpochMilli() - anchorAt.toEpochMilli();
        return anchorNumber + millis * admitPerMinute / 60_000;   // no overflow: 600,000 a minute for 400 years
    }

    /** When place {@code number} is (or was) admitted; places admitted before the last re-anchoring count from it. */
    public Instant admittedAt(long number) {
        if (number <= anchorNumber) {
            return anchorAt;
        }
        long millis = ((number - anchorNumber) * 60_000 + admitPerMinute - 1) / admitPerMinute;
        return anchorAt.plusMillis(millis);
    }

    public Instant admittedUntil(long number) {
        return admittedAt(number).plusSeconds(shoppingWindowSeconds);
    }
}
