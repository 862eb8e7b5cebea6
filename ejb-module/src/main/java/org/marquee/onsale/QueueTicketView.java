package org.marquee.onsale;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A place in a waiting room as the API shows it (docs/on-sale.md). {@code position} is the number of
 * buyers admitted before this one still to come, this one included (0 once admitted); before the room
 * opens it is how many have joined so far, since everyone who joins before the opening gets a random place
 * among them. {@code admissionToken} and {@code admittedUntil} are present only while ADMITTED.
 * {@code nextPollSeconds}, only while WAITING, is when to ask again ({@link QueuePolling}).
 */
public record QueueTicketView(UUID ticket, UUID eventId,
                              @Schema(enumeration = {WAITING, ADMITTED, EXPIRED}) String status, Long position, Long estimatedWaitSeconds,
                              @Schema(description = "once ADMITTED: send as Marquee-Admission with each hold") String admissionToken,
                              Instant admittedUntil, Long nextPollSeconds) {

    public static final String WAITING = "WAITING";
    public static final String ADMITTED = "ADMITTED";
    public static final String EXPIRED = "EXPIRED";

    static QueueTicketView waiting(UUID ticket, UUID eventId, long position, long estimatedWaitSeconds) {
        return new QueueTicketView(ticket, eventId, WAITING, position, estimatedWaitSeconds, null, null,
                QueuePolling.nextPollSeconds(ticket, estimatedWaitSeconds));
    }

    static QueueTicketView expired(UUID ticket, UUID eventId) {
        return new QueueTicketView(ticket, eventId, EXPIRED, 0L, 0L, null, null, null);
    }

    static QueueTicketView admitted(UUID ticket, UUID eventId, String admissionToken, Instant admittedUntil) {
        return new QueueTicketView(ticket, eventId, ADMITTED, 0L, 0L, admissionToken, admittedUntil, null);
    }
}
