package org.marquee.payment;

import static org.marquee.domain.payment.PaymentStatus.AUTHORISED;
import static org.marquee.domain.payment.PaymentStatus.CAPTURED;
import static org.marquee.domain.payment.PaymentStatus.DECLINED;
import static org.marquee.domain.payment.PaymentStatus.FAILED;
import static org.marquee.domain.payment.PaymentStatus.PENDING;
import static org.marquee.domain.payment.PaymentStatus.REFUNDED;
import static org.marquee.domain.payment.PaymentStatus.REFUND_PENDING;
import static org.marquee.domain.payment.PaymentStatus.VOIDED;
import static org.marquee.domain.payment.PaymentStatus.VOID_PENDING;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.payment.PaymentProvider.CaptureAnswer;
import org.marquee.payment.PaymentProvider.CaptureCall;
import org.marquee.payment.PaymentProvider.Outcome;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.payment.PaymentProvider.ProviderTimeoutException;
import org.marquee.domain.payment.Payment;
import org.marquee.domain.payment.PaymentMethod;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.domain.payment.Settlement;

/**
 * Takes and returns money for bookings. Each step records the payment's state in its own transaction
 * before and after the provider call, and no database lock is held while the provider is called, so a
 * slow provider never blocks seats. The payment table keeps the whole history (payment_event).
 *
 * <p>The rule for answers that come too late: a payment the buyer was told had failed never keeps
 * money. If the provider authorised or captured it after all (its webhook, or the reconciler asking),
 * the authorisation is voided and a capture refunded.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private PaymentGateway gateway;

    @Inject
    private PaymentMetrics metrics;

    @EJB
    private PaymentSteps steps;

    @Inject
    private PaymentSettings settings;

    @EJB
    private PaymentWebhooks webhooks;

    /**
     * Authorises an opened (PENDING) payment at the provider and returns the provider's reference; the
     * caller records AUTHORISED with its purchase. A decline (PAYMENT_DECLINED) or a provider failure
     * (PAYMENT_UNAVAILABLE) is recorded on the payment (DECLINED, FAILED) and thrown.
     *
     * @param paymentKey the payment's idempotency key (the provider sees it prefixed by the operation)
     */
    public String authorise(UUID paymentId, String paymentKey, BigDecimal amount, String currency, String token) {
        ProviderResult result;
        try {
            result = gateway.authorise(AUTHORISATION + paymentKey, amount, currency, token);
        } catch (Exception e) { // also what Fault Tolerance may throw undeclared
            String reason = reason(e);
            metrics.failure("authorise", reason);
            steps.move(paymentId, Set.of(PENDING), FAILED, null, "provider_" + reason, e.getMessage());
            throw new MarqueeException(ProblemCode.PAYMENT_UNAVAILABLE,
                    "The payment provider is unavailable (" + reason + "); nothing was charged and the hold is kept. Try again.");
        }
        metrics.authorisationAnswered();
        if (result.outcome() != Outcome.OK) {
            steps.move(paymentId, Set.of(PENDING), DECLINED, null, result.code(), result.message());
            throw new MarqueeException(ProblemCode.PAYMENT_DECLINED,
                    "The payment was declined (" + result.code() + "); the hold is kept until it expires");
        }
        return result.reference();
    }

    /** An authorised payment of a PAID booking, to capture. */
    public record Capture(UUID paymentId, String paymentKey, String reference, PaymentMethod method, BigDecimal amount, String currency) {
    }

    /**
     * Captures authorised payments of paid bookings at the provider, in one call where the provider takes
     * a batch (cash needs none), then every one the provider captured is recorded CAPTURED in one transaction. One whose call failed stays
     * AUTHORISED for the reconciler; one the provider refused needs attention. Returns how many were captured.
     */
    public int captureAll(List<Capture> captures) {
        List<UUID> captured = new java.util.ArrayList<>(captures.size());
        List<Capture> byCard = new java.util.ArrayList<>(captures.size());
        for (Capture c : captures) {
            if (c.method() == PaymentMethod.CASH) {
                captured.add(c.paymentId());
            } else {
                byCard.add(c);
            }
        }
        List<CaptureAnswer> answers;
        try {
            answers = byCard.isEmpty() ? List.of() : gateway.captureAll(byCard.stream()
                    .map(c -> new CaptureCall(CAPTURE + c.paymentKey(), c.reference(), c.amount(), c.currency())).toList());
        } catch (Exception e) { // the call as a whole: also what Fault Tolerance may throw undeclared
            answers = byCard.stream().map(c -> CaptureAnswer.failed(e instanceof RuntimeException r ? r : new RuntimeException(e))).toList();
        }
        for (int i = 0; i < byCard.size(); i++) {
            Capture c = byCard.get(i);
            CaptureAnswer answer = answers.get(i);
            ProviderResult r = answer.result();
            if (r == null) {
                metrics.failure("capture", reason(answer.failure()));
                LOG.log(Level.WARNING, "capture of payment " + c.paymentId() + " failed (" + reason(answer.failure()) + "); the reconciler retries");
            } else if (r.outcome() == Outcome.OK) {
                captured.add(c.paymentId());
            } else {
                Payment refused = find(c.paymentId());
                if (refused != null) {
                    needsAttention(refused, Settlement.CAPTURE, r.code(), "the provider refused the capture: " + describe(r));
                }
            }
        }
        if (!captured.isEmpty()) {
            steps.markCaptured(captured);
        }
        return captured.size();
    }

    /** The name payments taken by card are recorded under. */
    public String providerName() {
        return gateway.providerName();
    }

    /** The provider name of cash payments: no provider is involved, the money is in the box office's till. */
    public static final String CASH_DESK = "cash-desk";

    /**
     * Captures an authorised payment. On provider failure it stays AUTHORISED for the reconciler; a
     * refusal (an expired authorisation, an unknown reference), or failures past the retry window, make
     * it NEEDS_ATTENTION.
     */
    public boolean capture(Payment payment) {
        if (payment.getMethod() == PaymentMethod.CASH) {
            steps.move(payment.getId(), Set.of(AUTHORISED), CAPTURED, null, null, null);
            return true;
        }
        try {
            ProviderResult r = gateway.capture(Settlement.CAPTURE.key(payment), payment.getProviderReference(),
                    payment.getAmount(), payment.getCurrency());
            if (r.outcome() == Outcome.OK) {
                steps.move(payment.getId(), Set.of(AUTHORISED), CAPTURED, null, null, null);
                return true;
            }
            needsAttention(payment, Settlement.CAPTURE, r.code(), "the provider refused the capture: " + describe(r));
        } catch (Exception e) {
            failed(Settlement.CAPTURE, payment, e);
        }
        return false;
    }

    /** Releases an authorisation whose purchase did not happen (unless the booking was paid meanwhile). */
    public boolean voidAuthorisation(Payment payment) {
        return steps.markVoidUnlessPaid(payment.getId()) && giveBack(payment.getId());
    }

    /**
     * Gives back what a payment holds when it is VOID_PENDING (void) or REFUND_PENDING (refund). Safe to
     * repeat; on provider failure the payment stays as it is for the reconciler.
     */
    public boolean giveBack(UUID paymentId) {
        Payment p = find(paymentId);
        if (p == null || (p.getStatus() != VOID_PENDING && p.getStatus() != REFUND_PENDING)) {
            return false;
        }
        boolean refund = p.getStatus() == REFUND_PENDING;
        if (p.getMethod() == PaymentMethod.CASH) {
            // no provider: the cash is handed back at the counter
            steps.move(paymentId, Set.of(p.getStatus()), refund ? REFUNDED : VOIDED, null, null, null);
            if (refund) {
                metrics.refunded();
            } else {
                metrics.voided();
            }
            return true;
        }
        Settlement step = refund ? Settlement.REFUND : Settlement.VOID;
        try {
            ProviderResult r = refund
                    ? gateway.refund(step.key(p), p.getProviderReference(), p.getAmount(), p.getCurrency())
                    : gateway.voidAuthorisation(step.key(p), p.getProviderReference());
            if (r.outcome() == Outcome.DECLINED && !refund && "already_captured".equals(r.code())) {
                // the provider settled it already (a late capture): the money goes back by refund
                steps.move(paymentId, Set.of(VOID_PENDING), REFUND_PENDING, null, "captured_without_sale", "captured before it could be voided");
                return giveBack(paymentId);
            }
            if (!done(step, r)) {
                needsAttention(p, step, r.code(), "the provider refused the " + (refund ? "refund" : "void") + ": " + describe(r));
                return false;
            }
            Payment moved = steps.move(paymentId, Set.of(p.getStatus()), step.to(), null, null, null);
            if (moved.getStatus() == step.to()) {
                if (refund) {
                    metrics.refunded();
                } else {
                    metrics.voided();
                }
            }
            return true;
        } catch (Exception e) {
            failed(step, p, e);
            return false;
        }
    }

    /**
     * Whether the provider's answer means the money is back. A void is done when nothing is held any more
     * (the provider has no such payment, it was voided already, or the authorisation expired); a refund
     * only when the provider says so: an unknown payment is not money returned.
     */
    static boolean done(Settlement step, ProviderResult r) {
        if (r.outcome() == Outcome.OK) {
            return true;
        }
        if (step == Settlement.REFUND) {
            return r.outcome() == Outcome.DECLINED && "already_refunded".equals(r.code());
        }
        return r.outcome() == Outcome.NOT_FOUND
                || (r.outcome() == Outcome.DECLINED && Set.of("already_voided", "already_expired", "authorisation_expired").contains(r.code()));
    }

    /** Kept for the booking flow: a payment already marked REFUND_PENDING is refunded. */
    public boolean refund(Payment payment) {
        return giveBack(payment.getId());
    }

    /**
     * Applies a batch of provider events in one transaction, then gives back what they show we must not
     * keep. If the batch fails as a whole, each event is applied on its own, so one bad event does not
     * hold the others back. Outcomes in the events' order.
     */
    public List<PaymentWebhooks.Applied> onProviderEvents(List<ProviderEvent> events) {
        List<PaymentWebhooks.Applied> applied;
        try {
            applied = webhooks.applyAll(events);
        } catch (RuntimeException whole) {
            LOG.log(Level.FINE, "a batch of " + events.size() + " provider events failed; applying them one by one", whole);
            applied = new java.util.ArrayList<>();
            for (ProviderEvent event : events) {
                applied.add(webhooks.apply(event));
            }
        }
        for (PaymentWebhooks.Applied a : applied) {
            metrics.webhook(a.outcome().name().toLowerCase());
            if (a.giveBack() != null) {
                giveBack(a.giveBack());
            }
        }
        return applied;
    }

    /**
     * Asks the provider about a payment whose answer we never had (left PENDING by a crash) or gave up
     * on (FAILED by timeout or outage), and settles it: nothing there means FAILED; money there is
     * given back. For the reconciler; returns whether anything changed.
     */
    public boolean resolveUnknown(Payment payment) {
        ProviderResult r;
        try {
            r = gateway.status(authorisationKey(payment));
        } catch (Exception e) {
            return false;
        }
        PaymentWebhooks.Applied applied = webhooks.applyStatus(payment.getId(), r);
        if (applied.giveBack() != null) {
            giveBack(applied.giveBack());
        }
        return applied.outcome() == PaymentWebhooks.Outcome.APPLIED;
    }

    public Payment find(UUID id) {
        return em.find(Payment.class, id);
    }

    /** Payments in a status, not changed for {@code olderThanSeconds}, oldest first; for the reconciler. */
    public List<Payment> open(PaymentStatus status, int olderThanSeconds, int limit) {
        return em.createQuery("select p from Payment p where p.status = :s and p.updatedAt < :t order by p.updatedAt", Payment.class)
                .setParameter("s", status).setParameter("t", Instant.now().minusSeconds(olderThanSeconds))
                .setMaxResults(limit).getResultList();
    }

    /**
     * FAILED payments whose request may have reached the provider (a timeout or a failure on its side:
     * it may have answered after all), that failed between {@code withinSeconds} and
     * {@code olderThanSeconds} ago; for the reconciler, which asks the provider about each once.
     */
    public List<Payment> recentlyUnanswered(int olderThanSeconds, int withinSeconds, int limit) {
        return em.createQuery("""
                select p from Payment p where p.status = :s and p.failureCode in ('provider_timeout', 'provider_unavailable')
                 and p.updatedAt < :t and p.updatedAt > :since order by p.updatedAt""", Payment.class)
                .setParameter("s", FAILED).setParameter("t", Instant.now().minusSeconds(olderThanSeconds))
                .setParameter("since", Instant.now().minusSeconds(withinSeconds))
                .setMaxResults(limit).getResultList();
    }

    /** The prefixes of the provider's idempotency keys: one key per operation on a payment. */
    private static final String AUTHORISATION = "auth:";
    private static final String CAPTURE = "capture:";

    static String authorisationKey(Payment payment) {
        return AUTHORISATION + payment.getIdempotencyKey();
    }

    /** Payments that need a person, now; for the gauge. */
    public long needingAttention() {
        return ((Number) em.createNativeQuery("select count(*) from payment where status = 'NEEDS_ATTENTION'").getSingleResult()).longValue();
    }

    /**
     * A settlement step failed without an answer (the provider down, slow, or the circuit open): the
     * reconciler retries it, until it has waited longer than the retry window since the payment entered
     * its status; then a person is asked.
     */
    private void failed(Settlement step, Payment payment, Exception e) {
        String operation = step.name().toLowerCase(Locale.ROOT);
        String reason = reason(e);
        metrics.failure(operation, reason);
        if (payment.getUpdatedAt().isBefore(Instant.now().minusSeconds(settings.attentionAfterSeconds()))) {
            needsAttention(payment, step, "provider_" + reason, operation + " kept failing for " + settings.attentionAfterSeconds()
                    + " s (" + e.getMessage() + ")");
        } else {
            LOG.log(Level.WARNING, operation + " of payment " + payment.getId() + " failed (" + reason + "); the reconciler retries");
        }
    }

    private void needsAttention(Payment payment, Settlement step, String code, String message) {
        if (steps.needsAttention(payment.getId(), step, code == null ? "provider_refused" : code, message)) {
            String operation = step.name().toLowerCase(Locale.ROOT);
            metrics.needsAttention(operation, code == null ? "provider_refused" : code, needingAttention());
            LOG.warning(() -> "Payment " + payment.getId() + " of booking " + payment.getBookingId() + " NEEDS ATTENTION: " + message
                    + " (console: Payments needing attention)");
        }
    }

    private static String describe(ProviderResult r) {
        return r.code() + (r.message() == null ? "" : " (" + r.message() + ")");
    }

    private static String reason(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (e instanceof ProviderTimeoutException) {
            return "timeout";
        }
        if (e instanceof BulkheadException) {
            return "bulkhead_full";
        }
        return "unavailable";
    }
}
