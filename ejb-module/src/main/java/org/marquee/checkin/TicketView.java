package org.marquee.checkin;

import java.time.Instant;
import java.util.UUID;

/**
 * One ticket of a paid booking (docs/door-and-counter.md, "Tickets and check-in"). {@code code} is the rotating door code
 * for a phone, valid until {@code codeExpiresAt}; {@code printedCode} is the signed code of the confirm,
 * for paper. A void ticket has neither. {@code seatTypeName}, {@code price} and {@code currency} are
 * additions to the contract, for printing.
 */
public record TicketView(UUID id, UUID seatId, String label, UUID seatTypeId, TicketStatus status, String code, Instant codeExpiresAt,
                         Instant checkedInAt, String printedCode, String seatTypeName, String price, String currency) {
}
