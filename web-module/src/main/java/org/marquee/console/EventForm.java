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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.marquee.domain.catalog.Category;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventChange;
import org.marquee.catalog.EventView;
import org.marquee.catalog.NewEvent;
import org.marquee.error.MarqueeException;

/**
 * Creates an event, or edits one ({@code ?id=}): the catalog validates, and its field errors are shown
 * next to the fields in the form's own words (FormErrors). Times are typed as "yyyy-MM-dd HH:mm" in UTC. Seat types are fixed once the
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
    private final FormErrors errors = new FormErrors(EventForm::label);

    /** The form's labels by field key (the catalog's paths, and the seat type rows' own parts). */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"), Map.entry("category", "Category"),
            Map.entry("description", "Description"), Map.entry("performers", "Performers"), Map.entry("venue.name", "Venue"),
            Map.entry("venue.city", "City"), Map.entry("venue.country", "Country"), Map.entry("venue.address", "Address"),
            Map.entry("startAt", "Start"), Map.entry("endAt", "End"), Map.entry("saleStartAt", "Sale opening"),
            Map.entry("saleEndAt", "Sale closing"), Map.entry("seatTypes", "Seat types"));
    private static final Map<String, String> SEAT_TYPE_LABELS = Map.of("name", "Name", "price", "Price", "currency", "Currency",
            "reserved", "Numbered seats", "sections", "Sections", "rows", "Rows per section", "seats", "Seats per row", "quantity", "Quantity");
    private static final Pattern SEAT_TYPE_FIELD = Pattern.compile("seatTypes\\[(\\d+)]\\.(\\w+)");

    /** One seat type being typed: numbered seats (sections × rows × seats per row) or a quantity; numbers as typed. */
    public static class SeatTypeRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private String price;
        private String currency = "EUR";
        private boolean reservedSeating = true;
        private String sections = "A";
        private String rows = "2";
        private String seatsPerRow = "10";
        private String quantity;

        /** The seat type as the catalog reads it; a number that is not one is a message on {@code errors} (and null here). */
        NewEvent.NewSeatType toRequest(int index, FormErrors errors) {
            String at = "seatTypes[" + index + "]";
            if (!reservedSeating) {
                return new NewEvent.NewSeatType(name, null, price, currency, false, null, errors.wholeNumber(at + ".quantity", quantity, true));
            }
            Integer rowCount = errors.wholeNumber(at + ".rows", rows, true);
            Integer seatCount = errors.wholeNumber(at + ".seats", seatsPerRow, true);
            List<NewEvent.NewSection> list = sections == null ? List.of() : Arrays.stream(sections.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> new NewEvent.NewSection(s, rowCount == null ? List.of() : IntStream.rangeClosed(1, Math.min(rowCount, 1000))
                            .mapToObj(r -> new NewEvent.NewRow(String.valueOf(r), seatCount)).toList()))
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
        public String getRows() { return rows; }
        public void setRows(String rows) { this.rows = rows; }
        public String getSeatsPerRow() { return seatsPerRow; }
        public void setSeatsPerRow(String seatsPerRow) { this.seatsPerRow = seatsPerRow; }
        public String getQuantity() { return quantity; }
        public void setQuantity(String quantity) { this.quantity = quantity; }
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
        errors.clear();
        EventView saved;
        try {
            if (existing == null) {
                NewEvent event = newEvent();
                if (!errors.isEmpty()) {   // a number that is not one: the catalog would only repeat it
                    errors.announce();
                    return;
                }
                saved = catalog.create(event);
            } else {
                saved = catalog.patch(existing.id(), change());
            }
        } catch (MarqueeException e) {
            errors.refused(e, EventForm::fieldOf, EventForm::inWords);
            return;
        }
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
                IntStream.range(0, seatTypes.size()).mapToObj(i -> seatTypes.get(i).toRequest(i, errors)).toList());
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

    /** The form's field for a path of the catalog's refusal: a row's or a section's mistake is the seat type's rows or sections field. */
    static String fieldOf(String path) {
        if (path.equals("venue")) {
            return "venue.name";
        }
        if (path.startsWith("performers")) {
            return "performers";
        }
        Matcher m = Pattern.compile("(seatTypes\\[\\d+])(.*)").matcher(path);
        if (!m.matches()) {
            return path;
        }
        String at = m.group(1);
        String rest = m.group(2);
        if (rest.isEmpty()) {
            return "seatTypes";
        }
        if (rest.equals(".reservedSeating")) {
            return at + ".reserved";
        }
        if (rest.startsWith(".sections")) {
            return rest.endsWith(".seats") ? at + ".seats" : rest.contains(".rows") ? at + ".rows" : at + ".sections";
        }
        return at + rest;
    }

    /** The catalog speaks the API's language (field names, ISO-8601); the form's labels and format instead. */
    static String inWords(String message) {
        return message.replace("must be an ISO-8601 UTC time such as 2026-12-18T18:00:00Z", "must be a date and time such as 2027-06-01 19:00")
                .replace(": the sale window lies before the event", ": the sale closes before the event starts")
                .replace("saleStartAt", "the sale's opening").replace("startAt", "the start");
    }

    /** A field's label for the messages; seat type fields say which seat type ("Price of seat type 2"). */
    static String label(String field) {
        Matcher m = SEAT_TYPE_FIELD.matcher(field);
        if (m.matches()) {
            String part = SEAT_TYPE_LABELS.get(m.group(2));
            return part == null ? null : part + " of seat type " + (Integer.parseInt(m.group(1)) + 1);
        }
        return LABELS.get(field);
    }

    public FormErrors getErrors() {
        return errors;
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
