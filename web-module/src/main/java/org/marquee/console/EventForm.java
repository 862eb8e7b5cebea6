package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.marquee.catalog.Category;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventChange;
import org.marquee.catalog.EventView;
import org.marquee.catalog.NewEvent;
import org.marquee.error.MarqueeException;

/**
 * Creates an event, or edits one ({@code ?id=}): the catalog validates, and its field errors are shown
 * next to the fields. Times are typed as "yyyy-MM-dd HH:mm" in UTC. Seat types are fixed once the
 * event exists (the catalog's rule), so editing shows them without inputs.
 */
@Named("eventForm")
@ViewScoped
public class EventForm implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @EJB
    private EventCatalog catalog;

    private String id;
    private EventView existing;
    private String name;
    private String description;
    private String category = Category.CONCERT.name();
    private String venueName;
    private String venueCity;
    private String venueCountry;
    private String venueAddress;
    private String performers;
    private String startAt;
    private String endAt;
    private String saleStartAt;
    private String saleEndAt;
    private final List<SeatTypeRow> seatTypes = new ArrayList<>(List.of(new SeatTypeRow()));
    private Map<String, String> errors = Map.of();

    /** One seat type being typed: numbered seats (sections × rows × seats per row) or a quantity. */
    public static class SeatTypeRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private String price;
        private String currency = "EUR";
        private boolean reservedSeating = true;
        private String sections = "A";
        private Integer rows = 2;
        private Integer seatsPerRow = 10;
        private Integer quantity;

        NewEvent.NewSeatType toRequest() {
            if (!reservedSeating) {
                return new NewEvent.NewSeatType(name, null, price, currency, false, null, quantity);
            }
            List<NewEvent.NewSection> list = sections == null ? List.of() : Arrays.stream(sections.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> new NewEvent.NewSection(s, rows == null ? List.of() : IntStream.rangeClosed(1, Math.min(rows, 1000))
                            .mapToObj(r -> new NewEvent.NewRow(String.valueOf(r), seatsPerRow)).toList()))
                    .toList();
            return new NewEvent.NewSeatType(name, null, price, currency, true, list, null);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getPrice() { return price; }
        public void setPrice(String price) { this.price = price; }
        public String getCurrency() { return currency; }
        public void setCurrency(String currency) { this.currency = currency; }
        public boolean isReservedSeating() { return reservedSeating; }
        public void setReservedSeating(boolean reservedSeating) { this.reservedSeating = reservedSeating; }
        public String getSections() { return sections; }
        public void setSections(String sections) { this.sections = sections; }
        public Integer getRows() { return rows; }
        public void setRows(Integer rows) { this.rows = rows; }
        public Integer getSeatsPerRow() { return seatsPerRow; }
        public void setSeatsPerRow(Integer seatsPerRow) { this.seatsPerRow = seatsPerRow; }
        public Integer getQuantity() { return quantity; }
        public void setQuantity(Integer quantity) { this.quantity = quantity; }
    }

    /** Called by f:viewAction: loads the event to edit, if an id was given. */
    public void load() {
        if (id == null || id.isBlank() || existing != null) {
            return;
        }
        try {
            existing = catalog.find(UUID.fromString(id));
        } catch (IllegalArgumentException | MarqueeException e) {
            Feedback.error("There is no event " + id);
            id = null;
            return;
        }
        name = existing.name();
        description = existing.description();
        category = existing.category().name();
        if (existing.venue() != null) {
            venueName = existing.venue().name();
            venueCity = existing.venue().city();
            venueCountry = existing.venue().country();
            venueAddress = existing.venue().address();
        }
        performers = String.join(", ", existing.performers().stream().map(EventView.PerformerView::name).toList());
        startAt = shown(existing.startAt());
        endAt = shown(existing.endAt());
        saleStartAt = shown(existing.saleStartAt());
        saleEndAt = shown(existing.saleEndAt());
    }

    public void addSeatType() {
        seatTypes.add(new SeatTypeRow());
    }

    public void removeSeatType(int index) {
        if (seatTypes.size() > 1 && index >= 0 && index < seatTypes.size()) {
            seatTypes.remove(index);
        }
    }

    public void save() throws IOException {
        EventView saved;
        try {
            saved = existing == null ? catalog.create(newEvent()) : catalog.patch(existing.id(), change());
        } catch (MarqueeException e) {
            errors = Feedback.refused(e);
            return;
        }
        errors = Map.of();
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        Feedback.info("Event \"" + saved.name() + "\" is saved.");
        var external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + "/console/event.xhtml?id=" + saved.id());
    }

    private NewEvent newEvent() {
        return new NewEvent(name, null, blankToNull(description), category,
                new NewEvent.NewVenue(venueName, venueCity, venueCountry, blankToNull(venueAddress)),
                performerList().stream().map(NewEvent.NewPerformer::new).toList(),
                iso(startAt), iso(endAt), iso(saleStartAt), iso(saleEndAt), null, null, null,
                seatTypes.stream().map(SeatTypeRow::toRequest).toList());
    }

    /** Every field of the form; a cleared optional field is removed (an empty address leaves the venue's as it is). */
    private EventChange change() {
        Optional<String> address = Optional.ofNullable(blankToNull(venueAddress));
        return new EventChange(Optional.of(nullSafe(name)), Optional.of(nullSafe(description)), Optional.of(nullSafe(category)),
                Optional.of(new EventChange.VenueChange(Optional.of(nullSafe(venueName)), Optional.of(nullSafe(venueCity)),
                        Optional.of(nullSafe(venueCountry)), address)),
                Optional.of(performerList().stream().map(NewEvent.NewPerformer::new).toList()),
                time(startAt), time(endAt), time(saleStartAt), time(saleEndAt),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** A time as the catalog reads it; a blank one removes the field (or is refused for a required one). */
    private static Optional<String> time(String value) {
        String iso = iso(value);
        return Optional.of(iso == null ? "" : iso);
    }

    private List<String> performerList() {
        return performers == null ? List.of() : Arrays.stream(performers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** "2027-06-01 19:00" (UTC) becomes "2027-06-01T19:00:00Z"; anything else goes to the catalog as typed, which explains what is wrong. */
    static String iso(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String t = typed.strip().replace(' ', 'T');
        if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return t + ":00Z";
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
            return t + "Z";
        }
        return t;
    }

    private static String shown(Instant t) {
        return t == null ? null : SHOWN.format(t);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    /** The catalog's complaint about this field (a JSON path such as "venue.name" or "seatTypes[0].price"), or null. */
    public String error(String field) {
        return errors.get(field);
    }

    /** Complaints about a seat type row as a whole or any of its parts not shown next to a field. */
    public String seatTypeError(int index) {
        String prefix = "seatTypes[" + index + "]";
        return errors.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && !e.getKey().matches("seatTypes\\[\\d+]\\.(name|price|currency|quantity)"))
                .map(e -> e.getKey().substring(prefix.length()).replaceFirst("^\\.", "") + " " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse(null);
    }

    public List<String> getCategories() {
        return Arrays.stream(Category.values()).map(Category::name).toList();
    }

    public boolean isEditing() {
        return existing != null;
    }

    public EventView getExisting() { return existing; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getVenueName() { return venueName; }
    public void setVenueName(String venueName) { this.venueName = venueName; }
    public String getVenueCity() { return venueCity; }
    public void setVenueCity(String venueCity) { this.venueCity = venueCity; }
    public String getVenueCountry() { return venueCountry; }
    public void setVenueCountry(String venueCountry) { this.venueCountry = venueCountry; }
    public String getVenueAddress() { return venueAddress; }
    public void setVenueAddress(String venueAddress) { this.venueAddress = venueAddress; }
    public String getPerformers() { return performers; }
    public void setPerformers(String performers) { this.performers = performers; }
    public String getStartAt() { return startAt; }
    public void setStartAt(String startAt) { this.startAt = startAt; }
    public String getEndAt() { return endAt; }
    public void setEndAt(String endAt) { this.endAt = endAt; }
    public String getSaleStartAt() { return saleStartAt; }
    public void setSaleStartAt(String saleStartAt) { this.saleStartAt = saleStartAt; }
    public String getSaleEndAt() { return saleEndAt; }
    public void setSaleEndAt(String saleEndAt) { this.saleEndAt = saleEndAt; }
    public List<SeatTypeRow> getSeatTypes() { return seatTypes; }
}
