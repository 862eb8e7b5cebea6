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
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.booking.BookingView;
import org.marquee.booking.HoldRequest;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.catalog.SeatLayout;
import org.marquee.catalog.SeatMaps;
import org.marquee.catalog.SeatStatusCodes;
import org.marquee.catalog.SeatStatusView;
import org.marquee.counter.CounterCustomers;
import org.marquee.domain.inventory.SeatStatus;
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

    @EJB
    private CounterCustomers counterCustomers;

    @Inject
    private SeatMaps seatMaps;

    @Inject
    private StaffSession staff;

    private String id;
    private EventView event;
    /** The seats where the layout puts them (read once per page); {@link #seats} adds the statuses of the last refresh. */
    private List<SeatDot> placed;
    private List<SeatDot> seats = List.of();
    private int width;
    private int height;
    private String selected;
    private String seatTypeId;
    private String quantity = "1";
    private BookingView booking;
    private String paymentToken;
    private String customerName;
    private String customerEmail;
    private final FormErrors errors = new FormErrors(LABELS::get);

    private static final Map<String, String> LABELS = Map.of("quantity", "Quantity", "seatType", "Seat type",
            "customerName", "The fan's name", "customerEmail", "The fan's e-mail address", "token", "The card payment token");

    /** A seat on the map: where it is drawn, what it is, and the number printed on it. */
    public record SeatDot(String id, String label, String number, String status, int x, int y) implements Serializable {

        /** Where the seat's number is written: its middle. */
        public int textX() {
            return x + SEAT_SIZE / 2;
        }

        public int textY() {
            return y + SEAT_SIZE / 2 + 4;
        }
    }

    /** The drawn square of a seat (SEAT is its square plus the gap). */
    static final int SEAT_SIZE = 20;
    /** The stage across the top of the map, above the first section. */
    static final int STAGE_HEIGHT = 24;

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

    /**
     * Reads the counts and the seats' statuses again (the poll calls this every few seconds). The map is
     * the API's: the layout, drawn once, and the statuses in its order, from the same reader as
     * GET /events/{id}/seats/status.
     */
    public void refresh() {
        if (event == null) {
            return;
        }
        try {
            event = catalog.find(event.id());
            if (placed == null) {
                place(seatMaps.layoutOf(event.id()));
            }
            SeatStatusView now = seatMaps.statusView(event.id());
            SeatStatus[] statuses = SeatStatusCodes.unpack(now.statuses(), Math.min(now.seatCount(), placed.size()));
            List<SeatDot> dots = new ArrayList<>(statuses.length);
            for (int i = 0; i < statuses.length; i++) {
                SeatDot seat = placed.get(i);
                dots.add(new SeatDot(seat.id(), seat.label(), seat.number(), statuses[i].name(), seat.x(), seat.y()));
            }
            seats = dots;
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
    }

    /** Sections one under the other, each row a line of seats in the layout's order; statuses come with each refresh. */
    private void place(SeatLayout layout) {
        List<SeatDot> dots = new ArrayList<>();
        List<Caption> labels = new ArrayList<>();
        int y = STAGE_HEIGHT + 10;
        int maxX = 0;
        for (SeatLayout.TypeLayout type : layout.seatTypes()) {
            for (SeatLayout.SectionLayout section : type.sections()) {
                y += SEAT;
                labels.add(new Caption(section.name() == null ? "" : "Section " + section.name(), 4, y + 12));
                y += SEAT;
                boolean firstRow = true;
                for (SeatLayout.RowLayout row : section.rows()) {
                    if (!firstRow) {
                        y += SEAT;
                    }
                    firstRow = false;
                    labels.add(new Caption(row.label() == null ? "" : row.label(), 4, y + 14));
                    int x = MARGIN;
                    for (SeatLayout.Place seat : row.seats()) {
                        String label = section.name() + "-" + row.label() + "-" + seat.number();
                        dots.add(new SeatDot(seat.id().toString(), label, String.valueOf(seat.number()), SeatStatus.AVAILABLE.name(), x, y));
                        x += SEAT;
                        maxX = Math.max(maxX, x);
                    }
                }
            }
        }
        placed = dots;
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
        errors.clear();
        Integer places = errors.wholeNumber("quantity", quantity, true);
        if (!errors.isEmpty()) {
            errors.announce();
            return;
        }
        hold(new HoldRequest(event.id().toString(), null, seatTypeId, places));
    }

    private void hold(HoldRequest request) {
        errors.clear();
        if (booking != null) {
            Feedback.error("Finish or release the current hold first.");
            return;
        }
        try {
            booking = bookings.hold(staff.caller(), request);
            selected = null;
            Feedback.info("Held " + booking.seats().size() + " seat(s): take payment before the time runs out.");
        } catch (MarqueeException e) {
            errors.refused(e, SalePage::fieldOf, message -> message);
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
        errors.clear();
        try {
            java.util.Optional<CounterCustomers.CounterCustomer> customer = CounterCustomers.of(customerName, customerEmail);
            if (customer.isPresent()) {
                counterCustomers.record(staff.caller(), booking.id(), customer.get());
            }
            paid = cash ? bookings.confirmCash(staff.caller(), booking.id()) : bookings.confirm(staff.caller(), booking.id(), paymentToken);
        } catch (MarqueeException e) {
            errors.refused(e, SalePage::fieldOf, message -> message);
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

    /** The statuses of the seats in the map's order, a letter each (A, H, S): what the poll sends to the page. */
    public String getSeatStates() {
        StringBuilder letters = new StringBuilder(seats.size());
        seats.forEach(s -> letters.append(s.status().charAt(0)));
        return letters.toString();
    }

    /** General admission only: there is no map to show, only quantities. */
    public boolean isHasMap() {
        return !seats.isEmpty();
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
    public String getQuantity() { return quantity; }
    public void setQuantity(String quantity) { this.quantity = quantity; }
    public BookingView getBooking() { return booking; }
    public String getCustomerName() { return customerName; }
    public void setCustomerName(String customerName) { this.customerName = customerName; }
    public String getCustomerEmail() { return customerEmail; }
    public void setCustomerEmail(String customerEmail) { this.customerEmail = customerEmail; }

    /** The mistakes of the last hold or payment, beside their fields. */
    public FormErrors getErrors() {
        return errors;
    }

    /** The page's field for a path of a refusal (null: the message goes to the top). */
    private static String fieldOf(String path) {
        return switch (path) {
            case "quantity", "customerName", "customerEmail" -> path;
            case "seatTypeId" -> "seatType";
            case "paymentToken", "token" -> "token";
            default -> null;
        };
    }

    public String getPaymentToken() { return paymentToken; }
    public void setPaymentToken(String paymentToken) { this.paymentToken = paymentToken; }
}
