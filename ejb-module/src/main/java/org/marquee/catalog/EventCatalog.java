package org.marquee.catalog;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.marquee.catalog.EventView.PerformerView;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.catalog.NewEvent.NewRow;
import org.marquee.catalog.NewEvent.NewSeatType;
import org.marquee.catalog.NewEvent.NewSection;
import org.marquee.catalog.NewEvent.NewVenue;
import org.marquee.catalog.EventView.SeatTypeView;
import org.marquee.catalog.EventView.VenueView;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.error.Validation;
import org.marquee.inventory.SeatInventory;
import org.marquee.outbox.Outbox;

/** Creates, changes and shows events: the catalog's one entry point for the API and the console. */
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
        v.required(request.startAt(), "startAt");
        v.required(request.saleStartAt(), "saleStartAt");
        v.required(request.saleEndAt(), "saleEndAt");
        EventRules.times(request.startAt(), request.endAt(), request.saleStartAt(), request.saleEndAt(), v);
        v.range(request.holdTtlSeconds(), "holdTtlSeconds", 5, 3600);
        v.range(request.maxSeatsPerBooking(), "maxSeatsPerBooking", 1, 50);
        EventRules.venue(request.venue(), v);
        EventRules.performers(request.performers(), v);
        EventRules.seatTypes(request.seatTypes(), v);
        v.throwIfInvalid();

        String code = request.code() != null ? request.code() : generatedCode(request.name());
        if (!em.createQuery("select e.id from Event e where e.code = :code").setParameter("code", code)
                .setMaxResults(1).getResultList().isEmpty()) {
            throw new MarqueeException(ProblemCode.CONFLICT, "An event with code " + code + " already exists");
        }

        Event event = new Event(code, request.name().strip(), category, request.startAt(), request.saleStartAt(), request.saleEndAt());
        event.setDescription(request.description());
        event.setEndAt(request.endAt());
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
                    ? t.sections().stream().flatMap(s -> s.rows().stream()).mapToInt(r -> r.seats()).sum()
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
        return view(event);
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
        Object id = em.createNativeQuery("select cast(id as text) from venue where lower(name) = lower(?1) and lower(city) = lower(?2) and country = ?3")
                .setParameter(1, name).setParameter(2, city).setParameter(3, v.country()).getSingleResult();
        return em.find(Venue.class, UUID.fromString(id.toString()));
    }

    private Performer performer(String name) {
        em.createNativeQuery("insert into performer (id, name) values (cast(?1 as uuid), ?2) on conflict (lower(name)) do nothing")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, name).executeUpdate();
        Object id = em.createNativeQuery("select cast(id as text) from performer where lower(name) = lower(?1)")
                .setParameter(1, name).getSingleResult();
        return em.find(Performer.class, UUID.fromString(id.toString()));
    }

    public EventView find(UUID id) {
        Event event = em.find(Event.class, id);
        if (event == null) {
            throw MarqueeException.notFound("Event", id);
        }
        return view(event);
    }

    private static String generatedCode(String name) {
        String slug = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        return (slug.isEmpty() ? "EVENT" : slug) + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    EventView view(Event event) {
        Map<UUID, int[]> counts = counts(event.getId());
        List<SeatTypeView> seatTypes = new ArrayList<>();
        boolean anythingLeft = false;
        for (SeatType t : event.getSeatTypes()) {
            int[] c = counts.getOrDefault(t.getId(), new int[] {t.getTotal(), t.getTotal(), 0, 0});
            anythingLeft |= c[1] > 0;
            seatTypes.add(new SeatTypeView(t.getId(), t.getName(), t.getPrice().setScale(2).toPlainString(), t.getCurrency(),
                    t.isReservedSeating(), c[0], c[1], c[2], c[3]));
        }
        Venue venue = event.getVenue();
        return new EventView(event.getId(), event.getCode(), event.getName(), event.getDescription(), event.getCategory(),
                EventStatus.of(event, Instant.now(), anythingLeft),
                venue == null ? null : new VenueView(venue.getId(), venue.getName(), venue.getCity(), venue.getCountry(), venue.getAddress()),
                event.getPerformers().stream().map(p -> new PerformerView(p.getId(), p.getName())).toList(),
                event.getStartAt(), event.getEndAt(), event.getSaleStartAt(), event.getSaleEndAt(),
                event.getHoldTtlSeconds(), event.getMaxSeatsPerBooking(), parseObject(event.getAdditionalInfo()), seatTypes);
    }

    /** Per seat type of the event: {total, available, held, sold}, summed over the counter shards. */
    private Map<UUID, int[]> counts(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.seat_type_id, sum(c.total), sum(c.available), sum(c.held), sum(c.sold)
                  from seat_counter c join seat_type t on t.id = c.seat_type_id
                 where t.event_id = ?1
                 group by c.seat_type_id""").setParameter(1, eventId).getResultList();
        Map<UUID, int[]> counts = new HashMap<>();
        for (Object[] r : rows) {
            counts.put(UUID.fromString(r[0].toString()), new int[] {
                ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), ((Number) r[4]).intValue()});
        }
        return counts;
    }

    static JsonObject parseObject(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json == null ? "{}" : json))) {
            return reader.readObject();
        }
    }
}
