package org.marquee.booking;

import java.util.List;

/** A page of bookings: {total, page, size, items}. */
public record BookingPage(long total, int page, int size, List<BookingView> items) {
}
