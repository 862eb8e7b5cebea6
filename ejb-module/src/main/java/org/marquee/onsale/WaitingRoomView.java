package org.marquee.onsale;

import java.time.Instant;
import java.util.UUID;

/** A waiting room's stored settings and state: {@code openedAt} once the sale started with it enabled; {@code queued} places handed out. */
public record WaitingRoomView(UUID eventId, boolean enabled, int admitPerMinute, int shoppingWindowSeconds, Integer maxSeatsPerAccount,
                              Instant openedAt, long queued) {

    static WaitingRoomView of(Room r) {
        return new WaitingRoomView(r.eventId(), r.enabled(), r.admitPerMinute(), r.shoppingWindowSeconds(), r.maxSeatsPerAccount(),
                r.openedAt(), r.lastNumber());
    }
}
