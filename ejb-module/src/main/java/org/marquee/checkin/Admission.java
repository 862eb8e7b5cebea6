package org.marquee.checkin;

import java.time.Instant;
import java.util.UUID;

/** A ticket let in: {@code result} is ADMITTED; {@code seatTypeName} is an addition to the contract, for the door's screen. */
public record Admission(CheckInResult result, UUID ticketId, String label, UUID seatTypeId, String seatTypeName, Instant checkedInAt) {
}
