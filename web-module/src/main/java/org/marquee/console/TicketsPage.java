package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.booking.BookingView;
import org.marquee.checkin.CheckIns;
import org.marquee.checkin.QrCodes;
import org.marquee.checkin.TicketStatus;
import org.marquee.checkin.TicketView;
import org.marquee.counter.CounterCustomers;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.error.MarqueeException;

/**
 * The print-ready ticket page of a paid booking ({@code ?booking=}): per ticket the event, seat, seat
 * type, price, the printed code and its QR image (the printed code stays valid at the door; phones get
 * rotating codes through the API instead). A cancelled booking's tickets are shown as void, without codes.
 */
@Named("tickets")
@RequestScoped
public class TicketsPage {

    @EJB
    private BookingService bookings;

    @EJB
    private EventCatalog catalog;

    @EJB
    private CheckIns checkIns;

    @EJB
    private CounterCustomers counterCustomers;

    @Inject
    private StaffSession staff;

    private String bookingId;
    private BookingView booking;
    private EventView event;
    private List<TicketView> tickets = List.of();
    private CounterCustomers.CounterCustomer soldTo;

    public void load() {
        try {
            booking = bookings.get(staff.caller(), UUID.fromString(bookingId == null ? "" : bookingId));
            event = catalog.find(booking.eventId());
            tickets = booking.paidAt() == null ? List.of() : checkIns.tickets(staff.caller(), booking.id());
            soldTo = staff.caller().isStaff() ? counterCustomers.find(staff.caller(), booking.id()).orElse(null) : null;
        } catch (IllegalArgumentException | MarqueeException e) {
            Feedback.error("There is no booking " + bookingId);
            booking = null;
        }
    }

    public String getBookingId() { return bookingId; }
    public void setBookingId(String bookingId) { this.bookingId = bookingId; }
    public BookingView getBooking() { return booking; }
    public EventView getEvent() { return event; }
    public List<TicketView> getTickets() { return tickets; }
    public CounterCustomers.CounterCustomer getSoldTo() { return soldTo; }

    public boolean isPrintable() {
        return booking != null && booking.status() == BookingStatus.PAID;
    }

    /** The QR image of a ticket's printed code, as inline SVG. */
    public String qr(TicketView ticket) {
        return ticket.status() == TicketStatus.VOID ? "" : QrCodes.svg(ticket.printedCode());
    }
}
