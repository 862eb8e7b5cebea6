package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.booking.BookingView;
import org.marquee.booking.HoldRequest;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.catalog.SeatView;
import org.marquee.error.MarqueeException;

/**
 * An event at the counter: its seat map (numbered seats drawn as SVG, coloured by status, refreshed by
 * a poll while the page is open), a hold of the seats clicked or of a quantity, then payment and the
 * ticket page. The hold and the payment are the booking service's, exactly as through the API; the
 * booking belongs to the staff member who sold it.
 */
@Named("sale")
@ViewScoped
public class SalePage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int SEAT = 22;
    static final int MARGIN = 40;

    @EJB
    private EventCatalog catalog;

    @EJB
    private BookingService bookings;

    @Inject
    private StaffSession staff;

    private String id;
    private EventView event;
    private List<SeatDot> seats = List.of();
    private int width;
    private int height;
    private String selected;
    private String seatTypeId;
    private Integer quantity = 1;
    private BookingView booking;
    private String paymentToken;

    /** A seat on the map: where it is drawn and what it is. */
    public record SeatDot(String id, String label, String status, int x, int y) implements Serializable {
    }

    /** A section or row caption on the map. */
    public record Caption(String text, int x, int y) implements Serializable {
    }

    private List<Caption> captions = List.of();

    /** f:viewAction: the event of {@code ?id=}. */
    public void load() {
        if (event != null) {
            return;
        }
        event = eventOf(catalog, id);
        if (event == null) {
            return;
        }
        event.seatTypes().stream().findFirst().ifPresent(t -> seatTypeId = t.id().toString());
        refresh();
    }

    /** The event of a page's {@code ?id=}, or null with a message on the page. */
    static EventView eventOf(EventCatalog catalog, String id) {
        try {
            return catalog.find(UUID.fromString(Objects.requireNonNullElse(id, "")));
        } catch (IllegalArgumentException | MarqueeException e) {
            Feedback.error("There is no event " + id);
            return null;
        }
    }

    /** Reads the seats and counts again (the poll calls this every few seconds). */
    public void refresh() {
        if (event == null) {
            return;
        }
        try {
            event = catalog.find(event.id());
            layout(catalog.seats(event.id(), null));
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
    }

    /** Sections one under the other, each row a line of seats in the catalog's order. */
    private void layout(List<SeatView> all) {
        List<SeatDot> dots = new ArrayList<>();
        List<Caption> labels = new ArrayList<>();
        int y = 10;
        int maxX = 0;
        String section = null;
        String row = null;
        int x = MARGIN;
        for (SeatView s : all) {
            if (!Objects.equals(s.section(), section)) {
                section = s.section();
                row = null;
                y += SEAT;
                labels.add(new Caption(section == null ? "" : "Section " + section, 4, y + 12));
                y += SEAT;
            }
            if (!Objects.equals(s.row(), row)) {
                if (row != null) {
                    y += SEAT;
                }
                row = s.row();
                x = MARGIN;
                labels.add(new Caption(row == null ? "" : row, 4, y + 14));
            }
            dots.add(new SeatDot(s.id().toString(), s.label(), s.status().name(), x, y));
            x += SEAT;
            maxX = Math.max(maxX, x);
        }
        seats = dots;
        captions = labels;
        width = Math.max(maxX + MARGIN, 200);
        height = y + SEAT + 10;
    }

    public void holdSelected() {
        List<String> ids = selected == null ? List.of()
                : Arrays.stream(selected.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            Feedback.error("Click the seats to sell first.");
            return;
        }
        hold(new HoldRequest(event.id().toString(), ids, null, null));
    }

    public void holdQuantity() {
        hold(new HoldRequest(event.id().toString(), null, seatTypeId, quantity));
    }

    private void hold(HoldRequest request) {
        if (booking != null) {
            Feedback.error("Finish or release the current hold first.");
            return;
        }
        try {
            booking = bookings.hold(staff.caller(), request);
            selected = null;
            Feedback.info("Held " + booking.seats().size() + " seat(s) until " + booking.expiresAt() + ": take payment.");
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
        refresh();
    }

    public void pay() throws IOException {
        paid(false);
    }

    public void payCash() throws IOException {
        paid(true);
    }

    private void paid(boolean cash) throws IOException {
        if (booking == null) {
            return;
        }
        BookingView paid;
        try {
            paid = cash ? bookings.confirmCash(staff.caller(), booking.id()) : bookings.confirm(staff.caller(), booking.id(), paymentToken);
        } catch (MarqueeException e) {
            Feedback.refused(e);
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + "/console/tickets.xhtml?booking=" + paid.id());
    }

    public void release() {
        if (booking == null) {
            return;
        }
        try {
            bookings.cancel(staff.caller(), booking.id());
            Feedback.info("The hold is released.");
            booking = null;
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
        refresh();
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public EventView getEvent() { return event; }
    public List<SeatDot> getSeats() { return seats; }
    public List<Caption> getCaptions() { return captions; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public String getSelected() { return selected; }
    public void setSelected(String selected) { this.selected = selected; }
    public String getSeatTypeId() { return seatTypeId; }
    public void setSeatTypeId(String seatTypeId) { this.seatTypeId = seatTypeId; }
    public Integer getQuantity() { return quantity; }
    public void setQuantity(Integer quantity) { this.quantity = quantity; }
    public BookingView getBooking() { return booking; }
    public String getPaymentToken() { return paymentToken; }
    public void setPaymentToken(String paymentToken) { this.paymentToken = paymentToken; }
}
