package org.marquee.payment;

import static org.marquee.domain.payment.PaymentStatus.AUTHORISED;
import static org.marquee.domain.payment.PaymentStatus.CAPTURED;
import static org.marquee.domain.payment.PaymentStatus.DECLINED;
import static org.marquee.domain.payment.PaymentStatus.FAILED;
import static org.marquee.domain.payment.PaymentStatus.NEEDS_ATTENTION;
import static org.marquee.domain.payment.PaymentStatus.PENDING;
import static org.marquee.domain.payment.PaymentStatus.REFUNDED;
import static org.marquee.domain.payment.PaymentStatus.REFUND_PENDING;
import static org.marquee.domain.payment.PaymentStatus.VOIDED;
import static org.marquee.domain.payment.PaymentStatus.VOID_PENDING;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.marquee.payment.PaymentProvider.Outcome;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.domain.payment.Payment;
import org.marquee.persistence.Columns;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.domain.payment.Settlement;

/**
 * What the provider tells us afterwards: webhook events, and the answers of status queries. Each event
 * is applied exactly once: under the payment's row lock, its id is recorded in
 * {@code payment_webhook_event} in the same transaction as the change it causes, so a redelivery, a
 * concurrent duplicate or a replay finds the row and changes nothing. Events may come in any order:
 * a payment only ever moves forward (an "authorised" after "captured" is ignored).
 *
 * <p>A payment still PENDING belongs to the confirm that is waiting for the provider's answer: its
 * events are refused for now ({@link Outcome#IN_FLIGHT}: the provider delivers them again later).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PaymentWebhooks {

    public enum Outcome { APPLIED, IGNORED, DUPLICATE, IN_FLIGHT, UNKNOWN_PAYMENT }

    /** What an event did; {@code giveBack}: a payment now VOID_PENDING or REFUND_PENDING, to void or refund after commit. */
    public record Applied(Outcome outcome, UUID giveBack, String detail) {
    }

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private PaymentSettings settings;

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    private static final String AUTH_PREFIX = "auth:";

    public Applied apply(ProviderEvent event) {
        Payment p = lock(event);
        if (p == null) {
            return new Applied(Outcome.UNKNOWN_PAYMENT, null, "no payment with this key or reference");
        }
        if (p.getStatus() == PENDING) {
            return new Applied(Outcome.IN_FLIGHT, null, "the payment is being authorised; deliver again later");
        }
        int inserted = record(event, p.getId(), "processing");
        if (inserted == 0) {
            return new Applied(Outcome.DUPLICATE, null, "already processed");
        }
        Applied applied = settle(p, event.state(), event.reference(), false);
        if (applied.outcome() == Outcome.IN_FLIGHT) {
            em.createNativeQuery("delete from payment_webhook_event where event_id = ?1").setParameter(1, event.id()).executeUpdate();
        } else {
            em.createNativeQuery("update payment_webhook_event set outcome = ?1 where event_id = ?2")
                    .setParameter(1, applied.outcome() + ": " + applied.detail()).setParameter(2, event.id()).executeUpdate();
        }
        return applied;
    }

    /**
     * Applies events in their order, in one transaction. Most events only confirm what Marquee has
     * already recorded from the provider's own answer (an "authorised" for a payment it authorised, a
     * "captured" for one it captured): those are screened with one read and recorded with one insert for
     * the whole batch, without locking their payments, since nothing they could say would move them. The
     * rest are applied one by one under their payment's lock.
     */
    public List<Applied> applyAll(List<ProviderEvent> events) {
        Map<String, Applied> screened = screen(events);
        lockInIdOrder(events.stream().filter(e -> !screened.containsKey(e.id())).toList());
        List<Applied> applied = new ArrayList<>(events.size());
        for (ProviderEvent event : events) {
            Applied answer = screened.get(event.id());
            applied.add(answer != null ? answer : apply(event));
        }
        return applied;
    }

    /**
     * Locks the payments the events name, in id order, before they are applied one by one in the events'
     * order: every transaction that locks several payments takes them in id order, so none waits in a cycle
     * (the screened events' records, above, take their foreign-key locks in id order too).
     */
    private void lockInIdOrder(List<ProviderEvent> events) {
        if (events.size() < 2) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (ProviderEvent event : events) {
            String key = event.authorisationKey();
            if (key != null && key.startsWith(AUTH_PREFIX)) {
                keys.add(key.substring(AUTH_PREFIX.length()));
            }
            if (event.reference() != null) {
                references.add(event.reference());
            }
        }
        try (Connection c = database.getConnection();
             PreparedStatement lock = c.prepareStatement("""
                     select id from payment
                      where (provider = ? and idempotency_key = any (?)) or provider_reference = any (?)
                      order by id for update""")) {
            lock.setString(1, settings.providerName());
            lock.setArray(2, c.createArrayOf("varchar", keys.toArray()));
            lock.setArray(3, c.createArrayOf("varchar", references.toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("locking the payments of " + events.size() + " provider events failed", e);
        }
    }

    /** Whether an event saying {@code state} leaves a payment in {@code current} where it is, whatever else holds. */
    static boolean changesNothing(String state, PaymentStatus current) {
        return switch (state == null ? "" : state) {
            case "authorised" -> current != PENDING && current != FAILED && current != DECLINED && current != NEEDS_ATTENTION;
            case "captured" -> current == CAPTURED || current == REFUND_PENDING || current == REFUNDED;
            default -> false;
        };
    }

    /** The answers of the events that change nothing (recorded here), by event id; the others are absent. */
    private Map<String, Applied> screen(List<ProviderEvent> events) {
        Map<String, List<ProviderEvent>> byKey = new HashMap<>();
        for (ProviderEvent event : events) {
            String key = event.authorisationKey();
            if (key != null && key.startsWith(AUTH_PREFIX) && event.id() != null) {
                byKey.computeIfAbsent(key.substring(AUTH_PREFIX.length()), k -> new ArrayList<>()).add(event);
            }
        }
        if (byKey.isEmpty()) {
            return Map.of();
        }
        try (Connection c = database.getConnection()) {
            Map<String, Applied> screened = new HashMap<>();
            List<ProviderEvent> quiet = new ArrayList<>();
            List<String> paymentIds = new ArrayList<>();
            List<String> outcomes = new ArrayList<>();
            try (PreparedStatement read = c.prepareStatement(
                    "select idempotency_key, cast(id as text) as id, status from payment where provider = ? and idempotency_key = any(?)")) {
                read.setString(1, settings.providerName());
                read.setArray(2, c.createArrayOf("varchar", byKey.keySet().toArray()));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        PaymentStatus current = Columns.enumValue(PaymentStatus.class, rs.getString("status"), "payment status");
                        for (ProviderEvent event : byKey.get(rs.getString("idempotency_key"))) {
                            if (changesNothing(event.state(), current) && !screened.containsKey(event.id())) {
                                String detail = "payment is " + current + ", provider says " + event.state();
                                screened.put(event.id(), new Applied(Outcome.IGNORED, null, detail));
                                quiet.add(event);
                                paymentIds.add(rs.getString("id"));
                                outcomes.add(Outcome.IGNORED + ": " + detail);
                            }
                        }
                    }
                }
            }
            if (quiet.isEmpty()) {
                return Map.of();
            }
            Set<String> recorded = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into payment_webhook_event (event_id, type, payment_id, created_at, outcome)
                    select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as uuid[]), cast(? as timestamptz[]), cast(? as varchar[]))
                             as e (event_id, type, payment_id, created_at, outcome)
                     order by e.payment_id
                    on conflict (event_id) do nothing returning event_id""")) {
                insert.setArray(1, c.createArrayOf("varchar", quiet.stream().map(ProviderEvent::id).toArray()));
                insert.setArray(2, c.createArrayOf("varchar", quiet.stream().map(ProviderEvent::type).toArray()));
                insert.setArray(3, c.createArrayOf("varchar", paymentIds.toArray()));
                insert.setArray(4, c.createArrayOf("varchar", quiet.stream().map(e -> String.valueOf(e.created())).toArray()));
                insert.setArray(5, c.createArrayOf("varchar", outcomes.toArray()));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString("event_id"));
                    }
                }
            }
            for (ProviderEvent event : quiet) {
                if (!recorded.contains(event.id())) {
                    screened.put(event.id(), new Applied(Outcome.DUPLICATE, null, "already processed"));
                }
            }
            return screened;
        } catch (SQLException e) {
            throw new IllegalStateException("screening " + events.size() + " provider events failed", e);
        }
    }

    /** Applies the provider's answer to a status query about a payment we gave up on or never heard back about. */
    public Applied applyStatus(UUID paymentId, ProviderResult status) {
        Payment p = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            return new Applied(Outcome.UNKNOWN_PAYMENT, null, "no such payment");
        }
        String state = status.outcome() == PaymentProvider.Outcome.OK ? status.state() : "declined";
        return settle(p, state, status.reference(), true);
    }

    /**
     * Moves a locked payment forward to agree with the provider's {@code state}. {@code givenUp}: the
     * payment may be PENDING because its confirm is gone (the reconciler asking about an old one).
     */
    private Applied settle(Payment p, String state, String reference, boolean givenUp) {
        PaymentStatus current = p.getStatus();
        BookingStatus booking = BookingStatusOfPayment.of(em, p);
        boolean unanswered = current == FAILED || current == DECLINED || (givenUp && current == PENDING);
        if (current == NEEDS_ATTENTION && settledByProvider(p.getAttentionOperation(), state, booking)) {
            // the provider did the step after all (its refusal was not its last word): nothing left for staff
            p.moveTo(p.getAttentionOperation().to(), reference);
            return new Applied(Outcome.APPLIED, null, state + " after needing attention");
        }
        switch (state == null ? "" : state) {
            case "authorised":
                if (unanswered) {
                    return giveBack(p, VOID_PENDING, reference, "late_authorisation",
                            "authorised by the provider after the buyer was told it failed; voided");
                }
                break;
            case "captured":
                if (current == AUTHORISED && booking == BookingStatus.PAID) {
                    p.moveTo(CAPTURED, reference);
                    return new Applied(Outcome.APPLIED, null, "captured");
                }
                if (current == AUTHORISED && booking == BookingStatus.PENDING_PAYMENT && !givenUp) {
                    return new Applied(Outcome.IN_FLIGHT, null, "the purchase is under way; deliver again later");
                }
                if (unanswered || current == AUTHORISED || current == VOID_PENDING || current == VOIDED) {
                    return giveBack(p, REFUND_PENDING, reference, "captured_without_sale",
                            "captured by the provider but the booking is " + booking + "; refunded");
                }
                break;
            case "voided":
                if (unanswered || current == VOID_PENDING) {
                    p.moveTo(VOIDED, reference);
                    return new Applied(Outcome.APPLIED, null, "voided");
                }
                break;
            case "refunded":
                if (current == REFUND_PENDING) {
                    p.moveTo(REFUNDED, reference);
                    return new Applied(Outcome.APPLIED, null, "refunded");
                }
                break;
            default:
                if (givenUp && current == PENDING) {
                    p.fail(FAILED, "provider_no_payment", "the provider has no payment for this attempt");
                    return new Applied(Outcome.APPLIED, null, "failed");
                }
        }
        return new Applied(Outcome.IGNORED, null, "payment is " + current + ", provider says " + state);
    }

    private static boolean settledByProvider(Settlement step, String state, BookingStatus booking) {
        return switch (step) {
            case CAPTURE -> "captured".equals(state) && booking == BookingStatus.PAID;
            case VOID -> "voided".equals(state);
            case REFUND -> "refunded".equals(state);
        };
    }

    private static Applied giveBack(Payment p, PaymentStatus status, String reference, String code, String message) {
        p.fail(status, code, message);
        if (reference != null) {
            p.moveTo(status, reference);
        }
        return new Applied(Outcome.APPLIED, p.getId(), code);
    }

    private Payment lock(ProviderEvent event) {
        List<Payment> found = List.of();
        String key = event.authorisationKey();
        if (key != null && key.startsWith(AUTH_PREFIX)) {
            found = em.createQuery("select p from Payment p where p.provider = :provider and p.idempotencyKey = :k", Payment.class)
                    .setParameter("provider", settings.providerName())
                    .setParameter("k", key.substring(AUTH_PREFIX.length())).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
        if (found.isEmpty() && event.reference() != null) {
            found = em.createQuery("select p from Payment p where p.providerReference = :r", Payment.class)
                    .setParameter("r", event.reference()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private int record(ProviderEvent event, UUID paymentId, String outcome) {
        return em.createNativeQuery("""
                insert into payment_webhook_event (event_id, type, payment_id, created_at, outcome)
                values (?1, ?2, cast(?3 as uuid), cast(?4 as timestamptz), ?5) on conflict (event_id) do nothing""")
                .setParameter(1, event.id()).setParameter(2, event.type())
                .setParameter(3, paymentId.toString())
                .setParameter(4, event.created().toString()).setParameter(5, outcome).executeUpdate();
    }
}
