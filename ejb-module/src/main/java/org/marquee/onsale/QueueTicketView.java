package org.marquee.onsale;

import java.time.Instant;
import java.util.UUID;

/**
 * A place in a waiting room as the API shows it (API.md, On-sale surge). {@code position} is the number of
 * buyers admitted before this one still to come, this one included (0 once admitted); before the room
 * opens it is how many have joined so far, since everyone who joins before the opening gets a random place
 * among them. {@code admissionToken} and {@code admittedUntil} are present only while ADMITTED.
 */
public record QueueTicketView(UUID ticket, UUID eventId, String status, Long position, Long estimatedWaitSeconds,
                              String admissionToken, Instant admittedUntil) {

    public static final String WAITING = "WAITING";
    public static final String ADMITTED = "ADMITTED";
    public static final String EXPIRED = "EXPIRED";
}
