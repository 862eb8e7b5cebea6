package org.marquee.booking;

import static org.marquee.persistence.Columns.uuid;
import static org.marquee.persistence.Columns.uuidArray;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.marquee.error.MarqueeException;
import org.marquee.domain.payment.Payment;
import org.marquee.persistence.RowReader;
import org.marquee.domain.booking.Booking;
import org.marquee.domain.booking.BookingStatus;

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
 * <li>The hot path is one round trip per transaction: holds are taken in batches ({@link HoldBatcher}), one
 *     call of {@code booking_hold_batch} (V17) per batch, run by {@link HoldBatches}; confirms likewise, one
 *     call of {@code payment_open_batch} and one of {@code booking_pay_batch} (V18) per batch, run by
 *     {@link ConfirmBatches}. Within them, the statement that changes seat status comes last, because its
 *     counter trigger locks {@code seat_counter} shards (in shard order) until commit: keep it last when
 *     changing these functions.</li>
 * <li>A batch of holds takes its locks in this order, for all its members at once: the
 *     per-customer-and-event advisory locks (live-hold cap) in lock-key order; then, member by member
 *     (members sorted by event, customer, first seat: {@link HoldBatchPlan}), seat rows in id order with
 *     {@code SKIP LOCKED} (a chosen seat locked by someone else is refused as busy: 409, retry; nothing
 *     in a batch waits for a seat row lock) and expired holds it takes over with {@code SKIP LOCKED};
 *     then one seat update for the whole batch (the counter shards); last, the idempotency records in
 *     key order. A refusal is an outcome of its member, never an error, so it writes nothing and leaves
 *     the others' work in place. Waits (advisory locks, shards, keys) go one way only, so batches cannot
 *     deadlock with each other nor with confirm, cancel and expiry; a wait over 2 s fails the batch, and
 *     its members are run again one by one.</li>
 * </ol>
 */
@Stateless
public class BookingTransactions {

    /** How many live (unexpired, unpaid) holds a customer may have per event. */
    public static final int LIVE_HOLDS_PER_EVENT = ConfigProvider.getConfig()
            .getOptionalValue("marquee.live.holds.per.event", Integer.class).orElse(1);

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private TicketCodes tickets;

    /** What a release produced: the seats to forget in the cache, and payments whose money goes back (refund or void). */
    public record Released(List<UUID> seatIds, List<UUID> paymentsToRefund, int bookings) {
        static final Released NOTHING = new Released(List.of(), List.of(), 0);
    }

    // ------------------------------------------------------------------------------------------ hold

    // ------------------------------------------------------------------------------- cancel / expire

    /**
     * Cancels a booking. A hold is released. A paid booking is released and its payment is marked, in
     * the same transaction, REFUND_PENDING if captured or VOID_PENDING if only authorised, or if its
     * capture NEEDS_ATTENTION (the provider call follows; the reconciler retries it).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Released cancel(UUID bookingId) {
        BookingStatus status = statusOf(bookingId, true)
                .orElseThrow(() -> MarqueeException.notFound("Booking", bookingId));
        if (!status.isLive()) {
            return Released.NOTHING;
        }
        List<UUID> refunds = new ArrayList<>();
        if (status == BookingStatus.PAID) {
            @SuppressWarnings("unchecked")
            List<Object> held = em.createNativeQuery("""
                    update payment set status = case status when 'CAPTURED' then 'REFUND_PENDING' else 'VOID_PENDING' end,
                           attention_operation = null, updated_at = now(), version = version + 1
                     where booking_id = cast(?1 as uuid)
                       and (status in ('CAPTURED', 'AUTHORISED') or attention_operation = 'CAPTURE') returning cast(id as text)""")
                    .setParameter(1, bookingId.toString()).getResultList();
            held.forEach(id -> refunds.add(uuid(id)));
        }
        List<UUID> seats = endBookings(List.of(bookingId), BookingStatus.CANCELLED);
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
        return new Released(endBookings(ids, BookingStatus.TIMEOUT), List.of(), ids.size());
    }

    /** Ends locked, live bookings and frees their seats; returns the freed seats. */
    private List<UUID> endBookings(List<UUID> bookingIds, BookingStatus endStatus) {
        @SuppressWarnings("unchecked")
        List<Object> freed = em.createNativeQuery("""
                select cast(s as text) from booking_end(cast(string_to_array(?1, ',') as uuid[]), ?2) s""")
                .setParameter(1, uuidArray(bookingIds)).setParameter(2, endStatus.name()).getResultList();
        return freed.stream().map(id -> uuid(id)).toList();
    }

    // ------------------------------------------------------------------------------------------ read

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BookingView view(UUID bookingId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select * from booking_view(cast(?1 as uuid))")
                .setParameter(1, bookingId.toString()).getResultList();
        if (rows.isEmpty()) {
            throw MarqueeException.notFound("Booking", bookingId);
        }
        return BookingViewRow.view(rows.stream().map(BookingViewRow::from).toList(), tickets);
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

    /**
     * Bookings staff look up at the counter: by booking id, by ticket code (only a code this server
     * signed finds its booking) or by the customer's e-mail address (newest first, at most 50).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> find(String query) {
        String q = query == null ? "" : query.trim();
        if (q.isEmpty() || q.length() > 320) {
            return List.of();
        }
        if (q.startsWith("MQ1.")) {
            return tickets.ticketId(q).flatMap(this::ticketItem)
                    .filter(item -> tickets.code(item.id(), item.seatId()).equals(q))
                    .map(item -> List.of(item.bookingId())).orElse(List.of());
        }
        if (q.contains("@")) {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("""
                    select cast(b.id as text) from booking b join app_user u on u.id = b.customer_id
                     where lower(u.email) = lower(?1) order by b.created_at desc, b.id limit 50""").setParameter(1, q).getResultList();
            return ids.stream().map(id -> uuid(id)).toList();
        }
        try {
            UUID id = UUID.fromString(q);
            return em.createNativeQuery("select 1 from booking where id = cast(?1 as uuid)").setParameter(1, id.toString())
                    .getResultList().isEmpty() ? List.of() : List.of(id);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** One step in the life of one of a booking's payments. */
    public record PaymentStep(UUID paymentId, String method, String status, String amount, String refundedAmount, String currency,
                              String detail, Instant at) {
        static final String QUERY = """
                select cast(p.id as text), p.method, e.status, e.amount, e.refunded_amount, p.currency, e.detail, e.occurred_at
                  from payment p join payment_event e on e.payment_id = p.id
                 where p.booking_id = cast(?1 as uuid)
                 order by e.id""";

        static PaymentStep from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new PaymentStep(r.uuid(), r.text(), r.text(), r.decimal().setScale(2).toPlainString(), r.decimal().setScale(2).toPlainString(),
                    r.text(), r.text(), r.instantOrNull());
        }
    }

    /** Every recorded state of every payment of the booking, in order. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PaymentStep> paymentHistory(UUID bookingId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(PaymentStep.QUERY).setParameter(1, bookingId.toString()).getResultList();
        return rows.stream().map(PaymentStep::from).toList();
    }

    /** A seat held in the database: by which booking, of which event, until when. */
    public record HeldSeat(UUID seat, UUID booking, UUID event, Instant until) {
        static final String QUERY = """
                select cast(id as text), cast(booking_id as text), cast(event_id as text), held_until from seat
                 where status = 'HELD' and held_until > now()""";

        static HeldSeat from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new HeldSeat(r.uuid(), r.uuid(), r.uuid(), r.instant());
        }
    }

    /** Seats held in the database right now, by seat, for the reconciler. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<UUID, HeldSeat> liveHolds() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(HeldSeat.QUERY).getResultList();
        Map<UUID, HeldSeat> holds = new LinkedHashMap<>();
        rows.forEach(row -> {
            HeldSeat held = HeldSeat.from(row);
            holds.put(held.seat(), held);
        });
        return holds;
    }

    /** The live (held or paid) bookings of an event, for releasing them when it is cancelled. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> liveBookingsOfEvent(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                select cast(id as text) from booking where event_id = cast(?1 as uuid) and status in ('PENDING_PAYMENT', 'PAID')""")
                .setParameter(1, eventId.toString()).getResultList();
        return ids.stream().map(id -> uuid(id)).toList();
    }

    /** Live bookings of cancelled events (for the reconciler: a release after an event's cancel that did not happen). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> liveBookingsOfCancelledEvents(int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                select cast(b.id as text) from booking b join event e on e.id = b.event_id
                 where e.cancelled_at is not null and b.status in ('PENDING_PAYMENT', 'PAID') limit ?1""")
                .setParameter(1, limit).getResultList();
        return ids.stream().map(id -> uuid(id)).toList();
    }

    /** Whether a payment's booking is PAID (for the reconciler). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isPaid(Payment payment) {
        return statusOf(payment.getBookingId(), false)
                .orElseThrow(() -> MarqueeException.notFound("Booking", payment.getBookingId())) == BookingStatus.PAID;
    }

    // ------------------------------------------------------------------------------------- helpers

    /** The booking's status, if it exists; {@code lock}: and locks the booking until commit. */
    private Optional<BookingStatus> statusOf(UUID bookingId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select status from booking where id = cast(?1 as uuid)" + (lock ? " for update" : ""))
                .setParameter(1, bookingId.toString()).getResultList();
        return rows.stream().findFirst().map(status -> RowReader.of(status).enumValue(BookingStatus.class));
    }

    /** A booking item: the ticket {@code id} of seat {@code seatId} in booking {@code bookingId}. */
    private record TicketItem(UUID id, UUID bookingId, UUID seatId) {
        static final String QUERY = """
                select cast(id as text), cast(booking_id as text), cast(seat_id as text) from booking_item where id = cast(?1 as uuid)""";

        static TicketItem from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new TicketItem(r.uuid(), r.uuid(), r.uuid());
        }
    }

    private Optional<TicketItem> ticketItem(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(TicketItem.QUERY).setParameter(1, ticketId.toString()).getResultList();
        return rows.stream().findFirst().map(TicketItem::from);
    }
}
