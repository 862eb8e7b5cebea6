package org.marquee.booking;

import static org.marquee.persistence.Columns.instant;
import static org.marquee.persistence.Columns.uuid;
import static org.marquee.persistence.Columns.uuidArray;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.marquee.booking.BookingView.BookedSeat;
import org.marquee.booking.BookingView.Ticket;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.payment.Payment;

/**
 * Every transaction that locks seats or bookings, in one place. The rules that keep them free of
 * deadlocks and double sales:
 * <ol>
 * <li>Seats are locked with {@code FOR UPDATE} in seat-id order, under a 2 s lock timeout (a timeout is a
 *     409 the client retries), or with {@code SKIP LOCKED} when any free seat will do.</li>
 * <li>A transaction that already holds seat locks never waits for a booking lock ({@code NOWAIT});
 *     transactions that start from a booking (confirm, cancel, expiry) lock the booking first, then its
 *     seats. So no cycle can form.</li>
 * <li>Expiry claims bookings with {@code SKIP LOCKED}: any number of nodes may sweep at once.</li>
 * <li>Time is the database's: {@code now()} decides whether a hold has expired or a sale is open.</li>
 * <li>Whatever the code does, the constraints of V1/V3 refuse a second live booking of a seat, a sold
 *     seat without a paid booking, and unbalanced counters.</li>
 * </ol>
 */
@Stateless
public class BookingTransactions {

    /** How many live (unexpired, unpaid) holds a customer may have per event. */
    public static final int LIVE_HOLDS_PER_EVENT = Integer.getInteger("marquee.liveHoldsPerEvent",
            Integer.parseInt(System.getenv().getOrDefault("MARQUEE_LIVE_HOLDS_PER_EVENT", "1")));

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @EJB
    private IdempotencyStore idempotency;

    @Inject
    private TicketCodes tickets;

    /** What a hold produced, for the cache and metrics after commit. */
    public record Held(BookingView view, List<UUID> seatIds) {
    }

    /** What a release produced: the seats to forget in the cache, and money to return. */
    public record Released(List<UUID> seatIds, List<UUID> paymentsToRefund, int bookings) {
        static final Released NOTHING = new Released(List.of(), List.of(), 0);
    }

    // ------------------------------------------------------------------------------------------ hold

    /**
     * Holds seats for a customer: all the chosen ones or none, or {@code quantity} free ones of a type.
     * Writes the booking (PENDING_PAYMENT), its items and the seats' new status in one transaction, and
     * the idempotency record with it when the request carried a key.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Held hold(UUID customerId, UUID eventId, List<UUID> seatIds, UUID seatTypeId, int quantity,
                     IdempotencyStore.Key key, java.util.function.Function<BookingView, String> render) {
        Object[] event = single("""
                select e.sale_start_at, e.sale_end_at, e.cancelled_at, e.hold_ttl_seconds, e.max_seats_per_booking, now()
                  from event e where e.id = cast(?1 as uuid)""", eventId.toString());
        if (event == null) {
            throw MarqueeException.notFound("Event", eventId);
        }
        Instant now = instant(event[5]);
        if (event[2] != null) {
            throw new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The event is cancelled");
        }
        if (now.isBefore(instant(event[0]))) {
            throw new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The sale opens at " + instant(event[0]));
        }
        if (!now.isBefore(instant(event[1]))) {
            throw new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The sale closed at " + instant(event[1]));
        }
        int ttl = ((Number) event[3]).intValue();
        int max = ((Number) event[4]).intValue();
        int wanted = seatIds != null ? seatIds.size() : quantity;
        if (wanted > max) {
            throw new MarqueeException(ProblemCode.LIMIT_EXCEEDED, "At most " + max + " seats per booking for this event");
        }

        em.createNativeQuery("set local lock_timeout = '2s'").executeUpdate();
        // One customer's holds on one event are serialised (and only those): the live-hold cap holds
        // even against concurrent requests of the same customer.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, customerId + "/" + eventId).getSingleResult();
        Number live = (Number) em.createNativeQuery("""
                select count(*) from booking
                 where customer_id = cast(?1 as uuid) and event_id = cast(?2 as uuid)
                   and status = 'PENDING_PAYMENT' and expires_at > now()""")
                .setParameter(1, customerId.toString()).setParameter(2, eventId.toString()).getSingleResult();
        if (live.intValue() >= LIVE_HOLDS_PER_EVENT) {
            throw new MarqueeException(ProblemCode.LIMIT_EXCEEDED, "You already hold seats for this event: pay for or cancel that booking first");
        }

        List<Object[]> seats = seatIds != null ? lockChosen(eventId, seatIds) : pickFree(eventId, seatTypeId, quantity);

        UUID bookingId = UUID.randomUUID();
        Instant expiresAt = now.plusSeconds(ttl);
        BigDecimal amount = BigDecimal.ZERO;
        String currency = null;
        List<UUID> ids = new ArrayList<>();
        for (Object[] s : seats) {
            ids.add(uuid(s[0]));
            amount = amount.add((BigDecimal) s[6]);
            currency = (String) s[7];
        }
        String idList = uuidArray(ids);
        em.createNativeQuery("""
                insert into booking (id, customer_id, event_id, status, amount, currency, created_at, expires_at)
                values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), 'PENDING_PAYMENT', ?4, ?5, ?6, ?7)""")
                .setParameter(1, bookingId.toString()).setParameter(2, customerId.toString()).setParameter(3, eventId.toString())
                .setParameter(4, amount).setParameter(5, currency)
                .setParameter(6, java.sql.Timestamp.from(now)).setParameter(7, java.sql.Timestamp.from(expiresAt))
                .executeUpdate();
        em.createNativeQuery("""
                insert into booking_item (id, booking_id, seat_id, seat_type_id, price)
                select gen_random_uuid(), cast(?1 as uuid), s.id, s.seat_type_id, t.price
                  from seat s join seat_type t on t.id = s.seat_type_id
                 where s.id = any(cast(string_to_array(?2, ',') as uuid[]))""")
                .setParameter(1, bookingId.toString()).setParameter(2, idList).executeUpdate();
        int updated = em.createNativeQuery("""
                update seat set status = 'HELD', booking_id = cast(?1 as uuid), held_until = ?2, version = version + 1
                 where id = any(cast(string_to_array(?3, ',') as uuid[])) and status = 'AVAILABLE'""")
                .setParameter(1, bookingId.toString()).setParameter(2, java.sql.Timestamp.from(expiresAt))
                .setParameter(3, idList).executeUpdate();
        if (updated != ids.size()) {
            // cannot happen under the row locks; the constraints would refuse it anyway
            throw new IllegalStateException("held " + updated + " of " + ids.size() + " locked seats");
        }
        BookingView view = view(bookingId);
        if (key != null) {
            idempotency.record(key, 201, render.apply(view), bookingId);
        }
        return new Held(view, ids);
    }

    /** Locks the chosen seats in id order; all must be free (or held by an expired hold, which is ended). */
    private List<Object[]> lockChosen(UUID eventId, List<UUID> seatIds) {
        List<Object[]> rows = lockingQuery("""
                select cast(s.id as text), cast(s.seat_type_id as text), s.status, cast(s.booking_id as text),
                       s.held_until < now(), s.label, t.price, t.currency, t.reserved_seating
                  from seat s join seat_type t on t.id = s.seat_type_id
                 where s.event_id = cast(?1 as uuid) and s.id = any(cast(string_to_array(?2, ',') as uuid[]))
                 order by s.id
                   for update of s""", eventId.toString(), uuidArray(seatIds));
        Set<UUID> found = new LinkedHashSet<>();
        rows.forEach(r -> found.add(uuid(r[0])));
        List<String> unknown = seatIds.stream().filter(id -> !found.contains(id)).map(UUID::toString).toList();
        if (!unknown.isEmpty()) {
            throw MarqueeException.invalid("seatIds", "not seats of this event: " + String.join(", ", unknown));
        }
        List<String> generalAdmission = rows.stream().filter(r -> !Boolean.TRUE.equals(r[8])).map(r -> (String) r[0]).toList();
        if (!generalAdmission.isEmpty()) {
            throw MarqueeException.invalid("seatIds", "general-admission places are booked by seatTypeId and quantity: "
                    + String.join(", ", generalAdmission));
        }
        List<UUID> unavailable = new ArrayList<>();
        Set<UUID> expiredHolds = new LinkedHashSet<>();
        for (Object[] r : rows) {
            if ("AVAILABLE".equals(r[2])) {
                continue;
            }
            if ("HELD".equals(r[2]) && Boolean.TRUE.equals(r[4])) {
                expiredHolds.add(uuid(r[3]));
            } else {
                unavailable.add(uuid(r[0]));
            }
        }
        if (!unavailable.isEmpty()) {
            throw seatsUnavailable(unavailable);
        }
        for (UUID expired : expiredHolds) {
            // The seat is ours to take once its expired hold is ended. Never wait for that booking's lock:
            // whoever holds it (the sweeper, a confirm) is already ending or finishing it.
            // (A failed NOWAIT aborts the transaction in PostgreSQL: it ends this attempt with a 409.)
            List<?> claimed = lockingQuery("""
                    select cast(id as text) from booking
                     where id = cast(?1 as uuid) and status = 'PENDING_PAYMENT' and expires_at < now()
                       for update nowait""", expired.toString());
            if (claimed.isEmpty()) {
                throw seatsUnavailable(rows.stream().filter(r -> expired.toString().equals(r[3])).map(r -> uuid(r[0])).toList());
            }
            endBookings(List.of(expired), "TIMEOUT");
        }
        return rows;
    }

    /**
     * Picks {@code quantity} free seats of a type: for numbered seats, adjacent ones in one row where
     * possible; otherwise any free ones. Scans start at a random position so that concurrent buyers
     * spread over the seat type instead of queueing on its first free rows, and skip rows others have
     * locked.
     */
    private List<Object[]> pickFree(UUID eventId, UUID seatTypeId, int quantity) {
        Object[] type = single("select t.reserved_seating, t.total from seat_type t where t.id = cast(?1 as uuid) and t.event_id = cast(?2 as uuid)",
                seatTypeId.toString(), eventId.toString());
        if (type == null) {
            throw MarqueeException.invalid("seatTypeId", "not a seat type of this event");
        }
        int total = ((Number) type[1]).intValue();
        int start = ThreadLocalRandom.current().nextInt(total);
        if (Boolean.TRUE.equals(type[0]) && quantity > 1) {
            for (int attempt = 0; attempt < 3; attempt++) {
                List<Object[]> adjacent = adjacentRun(seatTypeId, quantity, attempt == 0 ? start : ThreadLocalRandom.current().nextInt(total));
                if (adjacent != null) {
                    return adjacent;
                }
            }
        }
        List<Object[]> picked = new ArrayList<>(lockFree(seatTypeId, "s.position >= ?2", start, quantity));
        if (picked.size() < quantity) {
            picked.addAll(lockFree(seatTypeId, "s.position < ?2", start, quantity - picked.size()));
        }
        if (picked.size() < quantity) {
            throw new MarqueeException(ProblemCode.SEATS_UNAVAILABLE,
                    picked.isEmpty() ? "Sold out" : "Only " + picked.size() + " seats of this type are free right now",
                    List.of(), Map.of("available", picked.size()));
        }
        return picked;
    }

    private List<Object[]> lockFree(UUID seatTypeId, String range, int start, int limit) {
        return lockingQuery("""
                select cast(s.id as text), cast(s.seat_type_id as text), s.status, null, false, s.label, t.price, t.currency, t.reserved_seating
                  from seat s join seat_type t on t.id = s.seat_type_id
                 where s.seat_type_id = cast(?1 as uuid) and s.status = 'AVAILABLE' and %s
                 order by s.position
                 limit ?3
                   for update of s skip locked""".formatted(range), seatTypeId.toString(), start, limit);
    }

    /** Finds, without locking, a run of free adjacent seats in one row; then locks it if still free. */
    private List<Object[]> adjacentRun(UUID seatTypeId, int quantity, int start) {
        @SuppressWarnings("unchecked")
        List<Object[]> free = em.createNativeQuery("""
                (select cast(s.id as text), s.section, s.row_label, s.position from seat s
                  where s.seat_type_id = cast(?1 as uuid) and s.status = 'AVAILABLE' and s.position >= ?2
                  order by s.position limit 256)
                union all
                (select cast(s.id as text), s.section, s.row_label, s.position from seat s
                  where s.seat_type_id = cast(?1 as uuid) and s.status = 'AVAILABLE' and s.position < ?2
                  order by s.position limit 256)""")
                .setParameter(1, seatTypeId.toString()).setParameter(2, start).getResultList();
        int runStart = 0;
        for (int i = 1; i <= free.size(); i++) {
            boolean continues = i < free.size()
                    && ((Number) free.get(i)[3]).intValue() == ((Number) free.get(i - 1)[3]).intValue() + 1
                    && java.util.Objects.equals(free.get(i)[1], free.get(i - 1)[1])
                    && java.util.Objects.equals(free.get(i)[2], free.get(i - 1)[2]);
            if (!continues) {
                runStart = i;
            } else if (i - runStart + 1 == quantity) {
                List<UUID> run = free.subList(runStart, i + 1).stream().map(r -> uuid(r[0])).toList();
                List<Object[]> locked = lockingQuery("""
                        select cast(s.id as text), cast(s.seat_type_id as text), s.status, null, false, s.label, t.price, t.currency, t.reserved_seating
                          from seat s join seat_type t on t.id = s.seat_type_id
                         where s.id = any(cast(string_to_array(?1, ',') as uuid[])) and s.status = 'AVAILABLE'
                         order by s.id
                           for update of s skip locked""", uuidArray(run));
                return locked.size() == quantity ? locked : null;
            }
        }
        return null;
    }

    // --------------------------------------------------------------------------------------- confirm

    /** The booking as the confirm flow needs it before paying: status, money and whether the hold is still good. */
    public record PayableBooking(UUID id, UUID customerId, BookingStatus status, BigDecimal amount, String currency, boolean expired) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public PayableBooking payable(UUID bookingId) {
        Object[] b = single("""
                select cast(customer_id as text), status, amount, currency, expires_at <= now() from booking where id = cast(?1 as uuid)""",
                bookingId.toString());
        if (b == null) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        return new PayableBooking(bookingId, uuid(b[0]), BookingStatus.valueOf((String) b[1]), (BigDecimal) b[2], (String) b[3],
                Boolean.TRUE.equals(b[4]));
    }

    /**
     * The purchase: under the booking's lock, checks the hold is still this booking's and unexpired by
     * the database clock, then marks its seats SOLD and the booking PAID. The payment is already
     * authorised; it is captured after this commits.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public BookingView purchase(UUID bookingId, UUID paymentId) {
        Object[] b = single("""
                select status, expires_at <= now() from booking where id = cast(?1 as uuid) for update""", bookingId.toString());
        if (b == null) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        if ("PAID".equals(b[0])) {
            return view(bookingId);
        }
        if (!"PENDING_PAYMENT".equals(b[0]) || Boolean.TRUE.equals(b[1])) {
            throw new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold expired before the payment completed; nothing was charged");
        }
        List<Object[]> seats = lockingQuery("""
                select cast(id as text), status from seat where booking_id = cast(?1 as uuid) order by id for update""", bookingId.toString());
        Number items = (Number) em.createNativeQuery("select count(*) from booking_item where booking_id = cast(?1 as uuid)")
                .setParameter(1, bookingId.toString()).getSingleResult();
        if (seats.size() != items.intValue() || seats.stream().anyMatch(s -> !"HELD".equals(s[1]))) {
            throw new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold on these seats has ended");
        }
        em.createNativeQuery("update booking set status = 'PAID', paid_at = now(), version = version + 1 where id = cast(?1 as uuid)")
                .setParameter(1, bookingId.toString()).executeUpdate();
        em.createNativeQuery("update seat set status = 'SOLD', held_until = null, version = version + 1 where booking_id = cast(?1 as uuid)")
                .setParameter(1, bookingId.toString()).executeUpdate();
        return view(bookingId);
    }

    // ------------------------------------------------------------------------------- cancel / expire

    /**
     * Cancels a booking. A hold is released. A paid booking is released and its captured payment is
     * marked REFUND_PENDING in the same transaction (the refund call follows); an authorised but not yet
     * captured payment is left to be voided.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Released cancel(UUID bookingId) {
        Object[] b = single("select status from booking where id = cast(?1 as uuid) for update", bookingId.toString());
        if (b == null) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        BookingStatus status = BookingStatus.valueOf((String) b[0]);
        if (!status.isLive()) {
            return Released.NOTHING;
        }
        List<UUID> refunds = new ArrayList<>();
        if (status == BookingStatus.PAID) {
            @SuppressWarnings("unchecked")
            List<Object> captured = em.createNativeQuery("""
                    update payment set status = 'REFUND_PENDING', updated_at = now(), version = version + 1
                     where booking_id = cast(?1 as uuid) and status = 'CAPTURED' returning cast(id as text)""")
                    .setParameter(1, bookingId.toString()).getResultList();
            captured.forEach(id -> refunds.add(uuid(id)));
        }
        List<UUID> seats = endBookings(List.of(bookingId), "CANCELLED");
        return new Released(seats, refunds, 1);
    }

    /** One sweep: ends up to {@code limit} expired holds. Safe on every node at once (SKIP LOCKED). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Released expireDue(int limit) {
        @SuppressWarnings("unchecked")
        List<Object> due = em.createNativeQuery("""
                select cast(id as text) from booking
                 where status = 'PENDING_PAYMENT' and expires_at <= now()
                 order by expires_at limit ?1
                   for update skip locked""").setParameter(1, limit).getResultList();
        if (due.isEmpty()) {
            return Released.NOTHING;
        }
        List<UUID> ids = due.stream().map(id -> uuid(id)).toList();
        return new Released(endBookings(ids, "TIMEOUT"), List.of(), ids.size());
    }

    /** Ends one hold if it has expired and nobody else is ending it (the cache's expiry event). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Released expireIfDue(UUID bookingId) {
        List<?> claimed = em.createNativeQuery("""
                select cast(id as text) from booking
                 where id = cast(?1 as uuid) and status = 'PENDING_PAYMENT' and expires_at <= now()
                   for update skip locked""").setParameter(1, bookingId.toString()).getResultList();
        if (claimed.isEmpty()) {
            return Released.NOTHING;
        }
        return new Released(endBookings(List.of(bookingId), "TIMEOUT"), List.of(), 1);
    }

    /** Ends locked, live bookings and frees their seats; returns the freed seats. */
    private List<UUID> endBookings(List<UUID> bookingIds, String endStatus) {
        String ids = uuidArray(bookingIds);
        em.createNativeQuery("""
                update booking set status = ?1, cancelled_at = now(), version = version + 1
                 where id = any(cast(string_to_array(?2, ',') as uuid[]))""")
                .setParameter(1, endStatus).setParameter(2, ids).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object> freed = em.createNativeQuery("""
                update seat set status = 'AVAILABLE', booking_id = null, held_until = null, version = version + 1
                 where booking_id = any(cast(string_to_array(?1, ',') as uuid[])) returning cast(id as text)""")
                .setParameter(1, ids).getResultList();
        return freed.stream().map(id -> uuid(id)).toList();
    }

    // ------------------------------------------------------------------------------------------ read

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BookingView view(UUID bookingId) {
        Object[] b = single("""
                select cast(id as text), cast(event_id as text), status, amount, currency, created_at, expires_at, paid_at, cancelled_at
                  from booking where id = cast(?1 as uuid)""", bookingId.toString());
        if (b == null) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> items = em.createNativeQuery("""
                select cast(i.id as text), cast(i.seat_id as text), s.label, cast(i.seat_type_id as text), i.price
                  from booking_item i join seat s on s.id = i.seat_id
                 where i.booking_id = cast(?1 as uuid)
                 order by s.seat_type_id, s.position""").setParameter(1, bookingId.toString()).getResultList();
        BookingStatus status = BookingStatus.valueOf((String) b[2]);
        List<BookedSeat> seats = items.stream()
                .map(i -> new BookedSeat(uuid(i[1]), (String) i[2], uuid(i[3]), ((BigDecimal) i[4]).setScale(2).toPlainString())).toList();
        List<Ticket> issued = status != BookingStatus.PAID ? null : items.stream()
                .map(i -> new Ticket(uuid(i[0]), uuid(i[1]), (String) i[2], tickets.code(uuid(i[0]), uuid(i[1])))).toList();
        return new BookingView(uuid(b[0]), uuid(b[1]), status, seats, ((BigDecimal) b[3]).setScale(2).toPlainString(), (String) b[4],
                instant(b[5]), instant(b[6]), instant(b[7]), instant(b[8]), issued);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UUID ownerOf(UUID bookingId) {
        Object owner = em.createNativeQuery("select cast(customer_id as text) from booking where id = cast(?1 as uuid)")
                .setParameter(1, bookingId.toString()).getResultList().stream().findFirst().orElse(null);
        if (owner == null) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        return uuid(owner);
    }

    /** A customer's bookings (or everyone's, for staff: {@code customerId} null), newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BookingPage list(UUID customerId, int page, int size) {
        String filter = customerId == null ? "" : "where customer_id = cast(?1 as uuid)";
        var count = em.createNativeQuery("select count(*) from booking " + filter);
        var ids = em.createNativeQuery("select cast(id as text) from booking " + filter + " order by created_at desc, id limit ?2 offset ?3")
                .setParameter(2, size).setParameter(3, (long) page * size);
        if (customerId != null) {
            count.setParameter(1, customerId.toString());
            ids.setParameter(1, customerId.toString());
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<BookingView> items = new ArrayList<>();
        for (Object id : ids.getResultList()) {
            items.add(view(uuid(id)));
        }
        return new BookingPage(total, page, size, items);
    }

    /** Seats held in the database right now (seat -> booking), for the reconciler. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<UUID, Object[]> liveHolds() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cast(id as text), cast(booking_id as text), cast(event_id as text), held_until from seat
                 where status = 'HELD' and held_until > now()""").getResultList();
        Map<UUID, Object[]> holds = new LinkedHashMap<>();
        rows.forEach(r -> holds.put(uuid(r[0]), new Object[] {uuid(r[1]), uuid(r[2]), instant(r[3])}));
        return holds;
    }

    /** Whether a payment's booking is PAID (for the reconciler). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isPaid(Payment payment) {
        Object status = em.createNativeQuery("select status from booking where id = cast(?1 as uuid)")
                .setParameter(1, payment.getBookingId().toString()).getSingleResult();
        return "PAID".equals(status);
    }

    // ------------------------------------------------------------------------------------- helpers

    private static MarqueeException seatsUnavailable(List<UUID> seatIds) {
        return new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, seatIds.size() + " of the chosen seats are not available",
                List.of(), Map.of("unavailableSeatIds", seatIds));
    }

    private Object[] single(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        List<?> rows = q.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object row = rows.get(0);
        return row instanceof Object[] a ? a : new Object[] {row};
    }

    /** Runs a locking query; a lock timeout means others hold these seats right now: 409, retry. */
    @SuppressWarnings("unchecked")
    private List<Object[]> lockingQuery(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        try {
            return ((List<Object>) q.getResultList()).stream().map(r -> r instanceof Object[] a ? a : new Object[] {r}).toList();
        } catch (PersistenceException e) {
            if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
                throw new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, "These seats are being booked by someone else right now; retry");
            }
            throw e;
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
