package org.marquee.catalog;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.marquee.catalog.SeatLayout.Place;
import org.marquee.catalog.SeatLayout.RowLayout;
import org.marquee.catalog.SeatLayout.SectionLayout;
import org.marquee.catalog.SeatLayout.TypeLayout;
import org.marquee.error.MarqueeException;
import org.marquee.domain.inventory.SeatStatus;
import org.marquee.persistence.RowReader;
import org.marquee.domain.catalog.Event;

/** Reads an event's seat map from PostgreSQL: the layout once, the statuses in one row of one letter a seat. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SeatMapReader {

    /** Seat-map order: the seat type's position, then the seat's, as GET /events/{id}/seats lists them. */
    private static final String SEAT_MAP_ORDER = "order by t.position, s.position, s.id";

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    /** One numbered seat of the event's layout, in seat-map order. */
    private record SeatRow(UUID id, UUID seatTypeId, String section, String row, Integer number) {
        static final String QUERY = """
                select cast(s.id as text), cast(s.seat_type_id as text), s.section, s.row_label, s.number
                  from seat s join seat_type t on t.id = s.seat_type_id
                 where s.event_id = cast(?1 as uuid) and t.reserved_seating
                """ + SEAT_MAP_ORDER;

        static SeatRow from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new SeatRow(r.uuid(), r.uuid(), r.text(), r.text(), r.integerOrNull());
        }
    }

    /** A seat's status as the seat map and the seat stream read it. */
    public record SeatState(UUID seatId, UUID eventId, UUID seatTypeId, SeatStatus status) {
        static final String QUERY = """
                select cast(id as text), cast(event_id as text), cast(seat_type_id as text), status
                  from seat where id = any(cast(string_to_array(?1, ',') as uuid[]))""";

        static SeatState from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new SeatState(r.uuid(), r.uuid(), r.uuid(), r.enumValue(SeatStatus.class));
        }
    }

    public SeatLayout layout(UUID eventId) {
        requireEvent(eventId);
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(SeatRow.QUERY).setParameter(1, eventId.toString()).getResultList();
        List<TypeLayout> types = new ArrayList<>();
        List<SectionLayout> sections = null;
        List<RowLayout> rowsOfSection = null;
        List<Place> seatsOfRow = null;
        SeatRow previous = null;
        for (Object columns : rows) {
            SeatRow seat = SeatRow.from(columns);
            boolean newType = previous == null || !previous.seatTypeId().equals(seat.seatTypeId());
            boolean newSection = newType || !same(previous.section(), seat.section());
            boolean newRow = newSection || !same(previous.row(), seat.row());
            if (newType) {
                sections = new ArrayList<>();
                types.add(new TypeLayout(seat.seatTypeId(), sections));
            }
            if (newSection) {
                rowsOfSection = new ArrayList<>();
                sections.add(new SectionLayout(seat.section(), rowsOfSection));
            }
            if (newRow) {
                seatsOfRow = new ArrayList<>();
                rowsOfSection.add(new RowLayout(seat.row(), seatsOfRow));
            }
            seatsOfRow.add(new Place(seat.id(), seat.number()));
            previous = seat;
        }
        return new SeatLayout(eventId, rows.size(), types);
    }

    /** Every numbered seat's status as its first letter (A, H, S), in seat-map order. */
    public String statusLetters(UUID eventId) {
        requireEvent(eventId);
        Object letters = em.createNativeQuery("""
                select coalesce(string_agg(left(s.status, 1), '' %s), '')
                  from seat s join seat_type t on t.id = s.seat_type_id
                 where s.event_id = cast(?1 as uuid) and t.reserved_seating""".formatted(SEAT_MAP_ORDER))
                .setParameter(1, eventId.toString()).getSingleResult();
        return (String) letters;
    }

    /** The current status of these seats (any events), each with its event and seat type. */
    public List<SeatState> states(List<UUID> seatIds) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(SeatState.QUERY)
                .setParameter(1, String.join(",", seatIds.stream().map(UUID::toString).toList())).getResultList();
        return rows.stream().map(SeatState::from).toList();
    }

    private void requireEvent(UUID eventId) {
        if (em.createNativeQuery("select 1 from event where id = cast(?1 as uuid)").setParameter(1, eventId.toString())
                .getResultList().isEmpty()) {
            throw MarqueeException.notFound("Event", eventId);
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
