package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.counter.CounterCustomers;
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
    private CounterCustomers counterCustomers;

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
    private CounterCustomers.CounterCustomer counterCustomer;

    public void find() {
        booking = null;
        confirming = false;
        try {
            found = new java.util.ArrayList<>(bookings.find(staff.caller(), query));
            for (UUID counterSale : counterCustomers.bookingsOf(staff.caller(), query)) {
                if (found.stream().noneMatch(b -> b.id().equals(counterSale))) {
                    found.add(bookings.get(staff.caller(), counterSale));
                }
            }
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
            counterCustomer = counterCustomers.find(staff.caller(), bookingId).orElse(null);
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
            boolean wasPaid = booking.status() == org.marquee.domain.booking.BookingStatus.PAID;
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
    /** The fan a counter sale was for, if the clerk recorded one. */
    public CounterCustomers.CounterCustomer getCounterCustomer() { return counterCustomer; }
}
