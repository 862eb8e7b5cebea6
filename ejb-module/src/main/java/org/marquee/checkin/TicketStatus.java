package org.marquee.checkin;

/** A ticket at the door: not yet used, already let in, or void (its booking was cancelled or refunded). */
public enum TicketStatus {
    VALID, CHECKED_IN, VOID
}
