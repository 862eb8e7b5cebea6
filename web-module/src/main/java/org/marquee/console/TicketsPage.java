package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.booking.BookingView;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.error.MarqueeException;

/** The print-ready ticket page of a paid booking ({@code ?booking=}). */
@Named("tickets")
@RequestScoped
public class TicketsPage {

    @EJB
    private BookingService bookings;

    @EJB
    private EventCatalog catalog;

    @Inject
    private StaffSession staff;

    private String bookingId;
    private BookingView booking;
    private EventView event;

    public void load() {
        try {
            booking = bookings.get(staff.caller(), UUID.fromString(bookingId == null ? "" : bookingId));
            event = catalog.find(booking.eventId());
        } catch (IllegalArgumentException | MarqueeException e) {
            Feedback.error("There is no booking " + bookingId);
            booking = null;
        }
    }

    public String getBookingId() { return bookingId; }
    public void setBookingId(String bookingId) { this.bookingId = bookingId; }
    public BookingView getBooking() { return booking; }
    public EventView getEvent() { return event; }
}
