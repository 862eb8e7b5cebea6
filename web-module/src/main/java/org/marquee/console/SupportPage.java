package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.booking.BookingTransactions.PaymentStep;
import org.marquee.booking.BookingView;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.error.MarqueeException;

/**
 * Support on the phone: find bookings by id, ticket code or the customer's e-mail address, see one with
 * its history and payments, and cancel it (a paid booking is refunded) after a confirmation step.
 */
@Named("support")
@ViewScoped
public class SupportPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private BookingService bookings;

    @EJB
    private EventCatalog catalog;

    @Inject
    private StaffSession staff;

    private String query;
    private List<BookingView> found = List.of();
    private BookingView booking;
    private EventView event;
    private List<PaymentStep> payments = List.of();
    private boolean confirming;

    public void find() {
        booking = null;
        confirming = false;
        try {
            found = bookings.find(staff.caller(), query);
        } catch (MarqueeException e) {
            Feedback.refused(e);
            found = List.of();
            return;
        }
        if (found.isEmpty()) {
            Feedback.error("No booking matches \"" + (query == null ? "" : query.strip()) + "\".");
        } else if (found.size() == 1) {
            show(found.get(0).id());
        }
    }

    public void show(UUID bookingId) {
        confirming = false;
        try {
            booking = bookings.get(staff.caller(), bookingId);
            event = catalog.find(booking.eventId());
            payments = bookings.paymentHistory(staff.caller(), bookingId);
        } catch (MarqueeException e) {
            Feedback.refused(e);
            booking = null;
        }
    }

    /** First step of a cancellation: the page asks for confirmation. */
    public void askToCancel() {
        confirming = booking != null;
    }

    public void keep() {
        confirming = false;
    }

    public void cancel() {
        if (booking == null || !confirming) {
            return;
        }
        try {
            boolean wasPaid = booking.status() == org.marquee.booking.BookingStatus.PAID;
            bookings.cancel(staff.caller(), booking.id());
            Feedback.info(wasPaid ? "The booking is cancelled and " + booking.amount() + " " + booking.currency() + " refunded."
                    : "The booking is cancelled.");
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
        show(booking.id());
    }

    public boolean isCancellable() {
        return booking != null && booking.status().isLive();
    }

    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public List<BookingView> getFound() { return found; }
    public BookingView getBooking() { return booking; }
    public EventView getEvent() { return event; }
    public List<PaymentStep> getPayments() { return payments; }
    public boolean isConfirming() { return confirming; }
}
