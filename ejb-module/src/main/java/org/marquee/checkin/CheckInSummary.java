package org.marquee.checkin;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event at the door: places sold and tickets checked in, in total and per seat type ({@code name} is
 * an addition to the contract). A ticket refunded after it was let in stays counted as checked in.
 */
public record CheckInSummary(long sold, long checkedIn, List<ByType> byType) implements Serializable {

    @Schema(name = "CheckInsByType")
    public record ByType(UUID seatTypeId, String name, long sold, long checkedIn) implements Serializable {
    }
}
