package org.marquee.onsale;

import java.time.Instant;
import java.util.UUID;

/**
 * A waiting room as everyone may see it, the same for every buyer (so a CDN may share it): whether it is
 * on and open, when the sale opens, how fast it admits, how many have joined and which place is admitted.
 */
public record QueueStateView(UUID eventId, boolean enabled, boolean open, Instant saleStartAt, int admitPerMinute, long joined,
                             long admittedThrough) {

    static QueueStateView of(Room room, Instant now) {
        return new QueueStateView(room.eventId(), room.enabled(), room.open(), room.saleStartAt(), room.admitPerMinute(),
                room.lastNumber(), room.open() ? Math.min(room.lastNumber(), room.admittedThrough(now)) : 0);
    }
}
