package org.marquee.booking;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.marquee.persistence.RowReader;

/**
 * What the box office's dashboard shows: per upcoming event its places by status (from the seat
 * counters) and the revenue of its paid bookings, and an event's sales day by day. Read-only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SalesReport {

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    /**
     * One event's figures, in the event's one currency: {@code revenue} is what its PAID bookings took,
     * {@code refunded} what its bookings cancelled after payment gave back (apart, never netted).
     */
    public record EventSales(UUID eventId, String name, Instant startAt, boolean cancelled, int total, int available, int held, int sold,
                             BigDecimal revenue, BigDecimal refunded, String currency) {
        static final String QUERY = """
                select cast(e.id as text), e.name, e.start_at, e.cancelled_at is not null,
                       coalesce(c.total, 0), coalesce(c.available, 0), coalesce(c.held, 0), coalesce(c.sold, 0),
                       coalesce(r.revenue, 0), coalesce(r.refunded, 0), coalesce(c.currency, r.currency)
                  from event e
                  left join lateral (select sum(sc.total) as total, sum(sc.available) as available, sum(sc.held) as held,
                                            sum(sc.sold) as sold, min(t.currency) as currency
                                       from seat_counter sc join seat_type t on t.id = sc.seat_type_id
                                      where t.event_id = e.id) c on true
                  left join lateral (select sum(b.amount) filter (where b.status = 'PAID') as revenue,
                                            sum(b.amount) filter (where b.status = 'CANCELLED') as refunded, min(b.currency) as currency
                                       from booking b where b.event_id = e.id and b.paid_at is not null) r on true
                 where coalesce(e.end_at, e.start_at) > now()
                 order by e.start_at, e.id
                 limit ?1""";

        static EventSales from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new EventSales(r.uuid(), r.text(), r.instant(), r.bool(), r.integer(), r.integer(), r.integer(), r.integer(),
                    money(r.decimal()), money(r.decimal()), r.text());
        }
    }

    /**
     * One day (UTC) of an event's sales: the places paid for that day and their price (a booking refunded
     * later still counts as sold on the day it was paid), and the places refunded that day, apart.
     */
    public record DaySales(LocalDate day, int placesSold, BigDecimal sold, int placesRefunded, BigDecimal refunded) {
        static final String QUERY = """
                select cast(d.day as text), coalesce(s.places, 0), coalesce(s.amount, 0), coalesce(r.places, 0), coalesce(r.amount, 0)
                  from generate_series((now() at time zone 'UTC')::date - (?2 - 1), (now() at time zone 'UTC')::date, interval '1 day') d(day)
                  left join (select (b.paid_at at time zone 'UTC')::date as day, count(i.id) as places, sum(i.price) as amount
                               from booking b join booking_item i on i.booking_id = b.id
                              where b.event_id = cast(?1 as uuid) and b.paid_at is not null
                              group by 1) s on s.day = d.day::date
                  left join (select (b.cancelled_at at time zone 'UTC')::date as day, count(i.id) as places, sum(i.price) as amount
                               from booking b join booking_item i on i.booking_id = b.id
                              where b.event_id = cast(?1 as uuid) and b.paid_at is not null and b.status = 'CANCELLED'
                              group by 1) r on r.day = d.day::date
                 order by d.day""";

        static DaySales from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new DaySales(LocalDate.parse(r.text().substring(0, 10)), r.integer(), money(r.decimal()), r.integer(), money(r.decimal()));
        }
    }

    /** Events not yet over, soonest first (at most {@code limit}). */
    public List<EventSales> upcoming(int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(EventSales.QUERY).setParameter(1, limit).getResultList();
        return rows.stream().map(EventSales::from).toList();
    }

    /** The event's sales and refunds per day over the last {@code days} days, oldest first, days without any included. */
    public List<DaySales> byDay(UUID eventId, int days) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(DaySales.QUERY).setParameter(1, eventId.toString()).setParameter(2, days).getResultList();
        return rows.stream().map(DaySales::from).toList();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2);
    }
}
