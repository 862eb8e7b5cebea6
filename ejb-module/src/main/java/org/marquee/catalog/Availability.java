package org.marquee.catalog;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;

/** Seat counts of one event per seat type, read from the sharded counters: {total, available, held, sold}. */
public record Availability(Map<UUID, int[]> bySeatType) implements Serializable {

    public boolean anythingLeft() {
        return bySeatType.values().stream().anyMatch(c -> c[1] > 0);
    }
}
