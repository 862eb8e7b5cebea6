package org.marquee.catalog;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.marquee.catalog.EventSummary.Place;
import org.marquee.catalog.EventView.PerformerView;
import org.marquee.catalog.EventView.SeatTypeView;
import org.marquee.catalog.EventView.VenueView;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.catalog.NewEvent.NewRow;
import org.marquee.catalog.NewEvent.NewSeatType;
import org.marquee.catalog.NewEvent.NewSection;
import org.marquee.catalog.NewEvent.NewVenue;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.error.Validation;
import org.marquee.inventory.SeatInventory;
import org.marquee.domain.inventory.SeatStatus;
import org.marquee.outbox.Outbox;
import org.marquee.persistence.RowReader;
import org.marquee.domain.catalog.Category;
import org.marquee.domain.catalog.Event;
import org.marquee.domain.catalog.EventStatus;
import org.marquee.domain.catalog.Performer;
import org.marquee.domain.catalog.SeatType;
import org.marquee.domain.catalog.Venue;

/**
 * Creates, changes and shows events: the catalog's one entry point for the API and the console.
 * Every change writes an outbox entry in its own transaction (search and caches feed on it).
 * Reads that must hold a crowd go through {@link EventViews}.
 */
@Stateless
public class EventCatalog {

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @EJB
    private Outbox outbox;

    @EJB
    private SeatInventory inventory;

    public EventView create(NewEvent request) {
        if (request == null) {
            throw MarqueeException.invalid("body", "is required");
        }
        Validation v = new Validation();
        v.text(request.name(), "name", EventRules.MAX_NAME);
        v.optionalText(request.description(), "description", EventRules.MAX_DESCRIPTION);
        EventRules.code(request.code(), v);
        Category category = v.required(request.category(), "category") ? EventRules.category(request.category(), "category", v) : null;
        Instant startAt = v.required(request.startAt(), "startAt") ? EventRules.time(request.startAt(), "startAt", v) : null;
        Instant endAt = EventRules.time(request.endAt(), "endAt", v);
        Instant saleStartAt = v.required(request.saleStartAt(), "saleStartAt") ? EventRules.time(request.saleStartAt(), "saleStartAt", v) : null;
        Instant saleEndAt = v.required(request.saleEndAt(), "saleEndAt") ? EventRules.time(request.saleEndAt(), "saleEndAt", v) : null;
        EventRules.times(startAt, endAt, saleStartAt, saleEndAt, v);
        EventRules.holdTtlSeconds(request.holdTtlSeconds(), v);
        EventRules.maxSeatsPerBooking(request.maxSeatsPerBooking(), v);
        EventRules.venue(request.venue(), v);
        EventRules.performers(request.performers(), v);
        EventRules.seatTypes(request.seatTypes(), v);
        v.throwIfInvalid();

        String code = request.code() != null ? request.code() : generatedCode(request.name());
        if (!em.createQuery("select e.id from Event e where e.code = :code").setParameter("code", code)
                .setMaxResults(1).getResultList().isEmpty()) {
            throw new MarqueeException(ProblemCode.CONFLICT, "An event with code " + code + " already exists");
        }

        Event event = new Event(code, request.name().strip(), category, startAt, saleStartAt, saleEndAt);
        event.setDescription(request.description());
        event.setEndAt(endAt);
        if (request.holdTtlSeconds() != null) {
            event.setHoldTtlSeconds(request.holdTtlSeconds());
        }
        if (request.maxSeatsPerBooking() != null) {
            event.setMaxSeatsPerBooking(request.maxSeatsPerBooking());
        }
        if (request.additionalInfo() != null) {
            event.setAdditionalInfo(request.additionalInfo().toString());
        }
        event.setVenue(venue(request.venue()));
        if (request.performers() != null) {
            for (NewPerformer p : request.performers()) {
                event.getPerformers().add(performer(p.name().strip()));
            }
        }
        em.persist(event);
        int position = 0;
        for (NewSeatType t : request.seatTypes()) {
            boolean reserved = t.reservedSeating();
            int total = reserved
                    ? t.sections().stream().flatMap(s -> s.rows().stream()).mapToInt(NewRow::seats).sum()
                    : t.quantity();
            SeatType type = new SeatType(event, t.name().strip(), EventRules.price(t.price(), "price", new Validation()),
                    t.currency(), reserved, total, position++);
            type.setDescription(t.description());
            em.persist(type);
            event.getSeatTypes().add(type);
        }
        em.flush();
        for (int i = 0; i < request.seatTypes().size(); i++) {
            NewSeatType t = request.seatTypes().get(i);
            SeatType type = event.getSeatTypes().get(i);
            if (type.isReservedSeating()) {
                List<SeatInventory.SeatRow> rows = new ArrayList<>();
                for (NewSection s : t.sections()) {
                    for (NewRow r : s.rows()) {
                        rows.add(new SeatInventory.SeatRow(s.name().strip(), r.label().strip(), r.seats()));
                    }
                }
                inventory.createNumbered(event.getId(), type.getId(), rows);
            } else {
                inventory.createGeneralAdmission(event.getId(), type.getId(), type.getTotal());
            }
        }
        outbox.record(Outbox.EVENT, event.getId(), "EventCreated", null);
        return view(event, availability(event.getId()));
    }

    /** The event with fresh availability, straight from the database (the cached path is {@link EventViews}). */
    public EventView find(UUID id) {
        return view(load(id), availability(id));
    }

    /** Per seat type of the event: {total, available, held, sold}, summed over the counter shards. */
    public Availability availability(UUID eventId) {
        return availabilities(List.of(eventId)).get(eventId);
    }

    /** Seat counts of several events, from one query of the sharded counters (an event without seat types counts nothing). */
    public Map<UUID, Availability> availabilities(Collection<UUID> eventIds) {
        Map<UUID, Map<UUID, int[]>> byEvent = new HashMap<>();
        eventIds.forEach(id -> byEvent.put(id, new HashMap<>()));
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(SeatCounts.QUERY)
                .setParameter(1, eventIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        for (Object row : rows) {
            SeatCounts counts = SeatCounts.from(row);
            byEvent.get(counts.eventId()).put(counts.seatTypeId(), new int[] {counts.total(), counts.available(), counts.held(), counts.sold()});
        }
        Map<UUID, Availability> availabilities = new HashMap<>();
        byEvent.forEach((id, counts) -> availabilities.put(id, new Availability(counts)));
        return availabilities;
    }

    /** One seat type's counts, summed over its counter shards. */
    private record SeatCounts(UUID eventId, UUID seatTypeId, int total, int available, int held, int sold) {
        static final String QUERY = """
                select cast(t.event_id as text), cast(c.seat_type_id as text), sum(c.total), sum(c.available), sum(c.held), sum(c.sold)
                  from seat_counter c join seat_type t on t.id = c.seat_type_id
                 where t.event_id = any(cast(?1 as uuid[]))
                 group by t.event_id, c.seat_type_id""";

        static SeatCounts from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new SeatCounts(r.uuid(), r.uuid(), r.integer(), r.integer(), r.integer(), r.integer());
        }
    }

    /** Upcoming events (not cancelled, not over), soonest first. */
    public EventPage upcoming(int page, int size) {
        Number total = (Number) em.createNativeQuery("""
                select count(*) from event e
                 where e.cancelled_at is null and coalesce(e.end_at, e.start_at) > now()""").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(UpcomingEvent.QUERY)
                .setParameter(1, (long) page * size).setParameter(2, size).getResultList();
        Instant now = Instant.now();
        List<EventSummary> items = rows.stream().map(row -> UpcomingEvent.from(row).summary(now)).toList();
        return new EventPage(total.longValue(), page, size, items);
    }

    /** One event of the upcoming list, with its cheapest price and its free places. */
    private record UpcomingEvent(UUID id, String name, Category category, Instant startAt, Instant endAt, Instant saleStartAt,
                                 Instant saleEndAt, Place venue, BigDecimal minPrice, String currency, int available) {
        static final String QUERY = """
                select cast(e.id as text), e.name, e.category, e.start_at, e.end_at, e.sale_start_at, e.sale_end_at,
                       v.name, v.city, v.country, p.min_price, p.currency, coalesce(a.available, 0)
                  from event e
                  left join venue v on v.id = e.venue_id
                  left join lateral (select min(t.price) as min_price, min(t.currency) as currency
                                       from seat_type t where t.event_id = e.id) p on true
                  left join lateral (select sum(c.available) as available
                                       from seat_counter c join seat_type t on t.id = c.seat_type_id
                                      where t.event_id = e.id) a on true
                 where e.cancelled_at is null and coalesce(e.end_at, e.start_at) > now()
                 order by e.start_at, e.id
                 offset ?1 limit ?2""";

        static UpcomingEvent from(Object columns) {
            RowReader r = RowReader.of(columns);
            UUID id = r.uuid();
            String name = r.text();
            Category category = r.enumValue(Category.class);
            Instant startAt = r.instant();
            Instant endAt = r.instantOrNull();
            Instant saleStartAt = r.instant();
            Instant saleEndAt = r.instant();
            String venueName = r.text();
            String city = r.text();
            String country = r.text();
            return new UpcomingEvent(id, name, category, startAt, endAt, saleStartAt, saleEndAt,
                    venueName == null ? null : new Place(venueName, city, country), r.decimalOrNull(), r.text(), r.integer());
        }

        EventSummary summary(Instant now) {
            EventStatus status = EventStatus.of(false, startAt, endAt, saleStartAt, saleEndAt, now, available > 0);
            return new EventSummary(id, name, category, status, startAt, venue,
                    minPrice == null ? null : minPrice.setScale(2).toPlainString(), currency, available);
        }
    }

    /**
     * Changes the descriptive fields, the sale window and the limits; id, code, status and seat types are
     * fixed. The result is validated as a whole, and a cancelled event cannot be changed.
     */
    public EventView patch(UUID id, EventChange change) {
        Event event = load(id);
        em.lock(event, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        if (event.getCancelledAt() != null) {
            throw new MarqueeException(ProblemCode.CONFLICT, "Event " + id + " is cancelled and can no longer be changed");
        }
        Validation v = new Validation();
        change.unreadable().forEach(e -> v.fail(e.field(), e.message()));
        change.name().ifPresent(name -> {
            if (v.text(name, "name", EventRules.MAX_NAME)) {
                event.setName(name.strip());
            }
        });
        change.description().ifPresent(description -> {
            if (v.optionalText(description, "description", EventRules.MAX_DESCRIPTION)) {
                event.setDescription(description.isBlank() ? null : description);
            }
        });
        change.category().ifPresent(value -> {
            Category category = v.required(value, "category") ? EventRules.category(value, "category", v) : null;
            if (category != null) {
                event.setCategory(category);
            }
        });
        change.startAt().map(t -> requiredTime(t, "startAt", v)).ifPresent(t -> t.ifPresent(event::setStartAt));
        change.endAt().ifPresent(t -> event.setEndAt(t.isBlank() ? null : EventRules.time(t, "endAt", v)));
        change.saleStartAt().map(t -> requiredTime(t, "saleStartAt", v)).ifPresent(t -> t.ifPresent(event::setSaleStartAt));
        change.saleEndAt().map(t -> requiredTime(t, "saleEndAt", v)).ifPresent(t -> t.ifPresent(event::setSaleEndAt));
        EventRules.times(event.getStartAt(), event.getEndAt(), event.getSaleStartAt(), event.getSaleEndAt(), v);
        change.holdTtlSeconds().filter(ttl -> EventRules.holdTtlSeconds(ttl, v)).ifPresent(event::setHoldTtlSeconds);
        change.maxSeatsPerBooking().filter(max -> EventRules.maxSeatsPerBooking(max, v)).ifPresent(event::setMaxSeatsPerBooking);
        change.additionalInfo().ifPresent(info -> event.setAdditionalInfo(info.getValueType() == JsonValue.ValueType.NULL
                ? "{}" : Json.createMergePatch(info).apply(parseObject(event.getAdditionalInfo())).toString()));
        NewVenue venue = change.venue().map(c -> mergedVenue(event.getVenue(), c)).orElse(null);
        if (venue != null) {
            EventRules.venue(venue, v);
        }
        List<NewPerformer> performers = change.performers().orElse(null);
        if (performers != null) {
            EventRules.performers(performers, v);
        }
        v.throwIfInvalid();
        if (venue != null) {
            event.setVenue(venue(venue));
        }
        if (performers != null) {
            event.getPerformers().clear();
            for (NewPerformer p : performers) {
                event.getPerformers().add(performer(p.name().strip()));
            }
        }
        event.touch();
        em.flush();
        outbox.record(Outbox.EVENT, id, "EventChanged", Json.createObjectBuilder().add("fields",
                Json.createArrayBuilder(change.fields())).build().toString());
        return view(event, availability(id));
    }

    /** A required time: blank is "is required", else parsed (empty when malformed, with its field error). */
    private static Optional<Instant> requiredTime(String value, String field, Validation v) {
        return v.required(value, field) ? Optional.ofNullable(EventRules.time(value, field, v)) : Optional.empty();
    }

    /** The current venue with the change's fields over it; a blank address removes the address. */
    private static NewVenue mergedVenue(Venue current, EventChange.VenueChange change) {
        String address = change.address().orElse(current == null ? null : current.getAddress());
        return new NewVenue(
                change.name().orElse(current == null ? null : current.getName()),
                change.city().orElse(current == null ? null : current.getCity()),
                change.country().orElse(current == null ? null : current.getCountry()),
                address == null || address.isBlank() ? null : address);
    }

    /** Cancels the event: it leaves listings and search, and nothing more can be sold. Cancelling twice is harmless. */
    public EventView cancel(UUID id) {
        Event event = load(id);
        if (event.getCancelledAt() == null) {
            em.lock(event, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            event.cancel(Instant.now());
            event.touch();
            em.flush();
            outbox.record(Outbox.EVENT, id, "EventCancelled", null);
        }
        return view(event, availability(id));
    }

    /** The numbered seats of an event (optionally of one seat type) with their status, in seat-map order. */
    public List<SeatView> seats(UUID eventId, UUID seatTypeId) {
        load(eventId);
        if (seatTypeId != null) {
            SeatType type = em.find(SeatType.class, seatTypeId);
            if (type == null || !type.getEvent().getId().equals(eventId)) {
                throw MarqueeException.notFound("Seat type", seatTypeId + " of event " + eventId);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(SEATS)
                .setParameter(1, eventId.toString()).setParameter(2, seatTypeId == null ? null : seatTypeId.toString())
                .getResultList();
        return rows.stream().map(EventCatalog::seatView).toList();
    }

    private static final String SEATS = """
            select cast(s.id as text), cast(s.seat_type_id as text), s.section, s.row_label, s.number, s.label, s.status
              from seat s join seat_type t on t.id = s.seat_type_id
             where s.event_id = cast(?1 as uuid) and t.reserved_seating
               and (cast(?2 as uuid) is null or s.seat_type_id = cast(?2 as uuid))
             order by t.position, s.position""";

    /** A row of {@link #SEATS}. */
    private static SeatView seatView(Object columns) {
        RowReader r = RowReader.of(columns);
        return new SeatView(r.uuid(), r.uuid(), r.text(), r.text(), r.integerOrNull(), r.text(), r.enumValue(SeatStatus.class));
    }

    private Event load(UUID id) {
        Event event = em.find(Event.class, id);
        if (event == null) {
            throw MarqueeException.notFound("Event", id);
        }
        return event;
    }

    /** The venue row for this name, city and country, created on first use (concurrent creators meet in ON CONFLICT). */
    private Venue venue(NewVenue v) {
        String name = v.name().strip();
        String city = v.city().strip();
        em.createNativeQuery("""
                insert into venue (id, name, city, country, address) values (cast(?1 as uuid), ?2, ?3, ?4, ?5)
                on conflict (lower(name), lower(city), country) do nothing""")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, name).setParameter(3, city)
                .setParameter(4, v.country()).setParameter(5, v.address()).executeUpdate();
        Object id = em.createNativeQuery("""
                select cast(id as text) from venue where lower(name) = lower(?1) and lower(city) = lower(?2) and country = ?3""")
                .setParameter(1, name).setParameter(2, city).setParameter(3, v.country()).getSingleResult();
        Venue venue = em.find(Venue.class, UUID.fromString(id.toString()));
        if (v.address() != null && !v.address().equals(venue.getAddress())) {
            venue.setAddress(v.address());
        }
        return venue;
    }

    private Performer performer(String name) {
        em.createNativeQuery("insert into performer (id, name) values (cast(?1 as uuid), ?2) on conflict (lower(name)) do nothing")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, name).executeUpdate();
        Object id = em.createNativeQuery("select cast(id as text) from performer where lower(name) = lower(?1)")
                .setParameter(1, name).getSingleResult();
        return em.find(Performer.class, UUID.fromString(id.toString()));
    }

    private static String generatedCode(String name) {
        String slug = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        return (slug.isEmpty() ? "EVENT" : slug) + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** The event's details with these counts; the status follows from both (one merge, shared with {@link EventViews}). */
    EventView view(Event event, Availability availability) {
        List<SeatTypeView> seatTypes = event.getSeatTypes().stream()
                .map(t -> new SeatTypeView(t.getId(), t.getName(), t.getPrice().setScale(2).toPlainString(), t.getCurrency(),
                        t.isReservedSeating(), t.getTotal(), t.getTotal(), 0, 0))
                .toList();
        Venue venue = event.getVenue();
        EventView details = new EventView(event.getId(), event.getCode(), event.getName(), event.getDescription(), event.getCategory(),
                event.getCancelledAt() != null ? EventStatus.CANCELLED : EventStatus.SCHEDULED,
                venue == null ? null : new VenueView(venue.getId(), venue.getName(), venue.getCity(), venue.getCountry(), venue.getAddress()),
                event.getPerformers().stream().map(p -> new PerformerView(p.getId(), p.getName())).toList(),
                event.getStartAt(), event.getEndAt(), event.getSaleStartAt(), event.getSaleEndAt(),
                event.getHoldTtlSeconds(), event.getMaxSeatsPerBooking(), parseObject(event.getAdditionalInfo()), seatTypes);
        return EventViews.withAvailability(details, availability, Instant.now());
    }

    static JsonObject parseObject(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json == null ? "{}" : json))) {
            return reader.readObject();
        }
    }
}
