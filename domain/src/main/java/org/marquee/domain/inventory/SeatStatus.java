package org.marquee.domain.inventory;

/** Where a seat (or general-admission place) stands. */
public enum SeatStatus {
    AVAILABLE, HELD, SOLD
}
