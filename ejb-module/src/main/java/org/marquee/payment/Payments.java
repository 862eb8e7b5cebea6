package org.marquee.payment;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.payment.PaymentProvider.Outcome;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.payment.PaymentProvider.ProviderUnavailableException;

/**
 * Takes and returns money for bookings. Each step records the payment's state in its own transaction
 * before and after the provider call, and no database lock is held while the provider is called, so a
 * slow provider never blocks seats. The payment table keeps the whole history (payment_event).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private PaymentGateway gateway;

    @jakarta.ejb.EJB
    private PaymentSteps steps;

    /**
     * Authorises the booking's amount. Returns the AUTHORISED payment; throws PAYMENT_DECLINED (the
     * payment is recorded as DECLINED), PAYMENT_UNAVAILABLE (FAILED) or CONFLICT when another payment
     * of the booking is already in flight.
     */
    public Payment authorise(UUID bookingId, BigDecimal amount, String currency, String token) {
        Payment payment = steps.open(bookingId, gateway.providerName(), amount, currency);
        ProviderResult result;
        try {
            result = gateway.authorise("auth:" + payment.getIdempotencyKey(), amount, currency, token);
        } catch (ProviderUnavailableException | FaultToleranceException e) {
            steps.fail(payment.getId(), PaymentStatus.FAILED, "provider_unavailable", e.getMessage());
            throw new MarqueeException(ProblemCode.PAYMENT_UNAVAILABLE,
                    "The payment provider is unavailable; nothing was charged and the hold is kept. Try again.");
        }
        if (result.outcome() == Outcome.DECLINED) {
            steps.fail(payment.getId(), PaymentStatus.DECLINED, result.code(), result.message());
            throw new MarqueeException(ProblemCode.PAYMENT_DECLINED,
                    "The payment was declined (" + result.code() + "); the hold is kept until it expires");
        }
        return steps.move(payment.getId(), PaymentStatus.AUTHORISED, result.reference());
    }

    /** The provider name of cash payments: no provider is involved, the money is in the box office's till. */
    public static final String CASH_DESK = "cash-desk";

    /**
     * Cash taken by box-office staff at the counter: recorded as an authorised CASH payment, without any
     * provider, so that the purchase and its capture follow exactly as for a card. Voiding or refunding a
     * cash payment records that the cash was handed back.
     */
    public Payment takeCash(UUID bookingId, BigDecimal amount, String currency) {
        Payment payment = steps.open(bookingId, CASH_DESK, PaymentMethod.CASH, amount, currency);
        return steps.move(payment.getId(), PaymentStatus.AUTHORISED, "cash:" + payment.getId());
    }

    /** Captures an authorised payment; on provider failure it stays AUTHORISED for the reconciler. */
    public boolean capture(Payment payment) {
        if (payment.getMethod() == PaymentMethod.CASH) {
            steps.move(payment.getId(), PaymentStatus.CAPTURED, null);
            return true;
        }
        try {
            ProviderResult r = gateway.capture("capture:" + payment.getIdempotencyKey(), payment.getProviderReference(),
                    payment.getAmount(), payment.getCurrency());
            if (r.outcome() == Outcome.OK) {
                steps.move(payment.getId(), PaymentStatus.CAPTURED, null);
                return true;
            }
            LOG.warning(() -> "Capture of payment " + payment.getId() + " refused: " + r.code());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Capture of payment " + payment.getId() + " failed; the reconciler retries", e);
        }
        return false;
    }

    /** Releases an authorisation whose purchase did not happen. */
    public boolean voidAuthorisation(Payment payment) {
        if (payment.getMethod() == PaymentMethod.CASH) {
            steps.move(payment.getId(), PaymentStatus.VOIDED, null);
            return true;
        }
        try {
            gateway.voidAuthorisation("void:" + payment.getIdempotencyKey(), payment.getProviderReference());
            steps.move(payment.getId(), PaymentStatus.VOIDED, null);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Void of payment " + payment.getId() + " failed; the reconciler retries", e);
            return false;
        }
    }

    /** Refunds a payment already marked REFUND_PENDING (its booking was cancelled in the same transaction). */
    public boolean refund(Payment payment) {
        if (payment.getMethod() == PaymentMethod.CASH) {
            steps.move(payment.getId(), PaymentStatus.REFUNDED, null);
            return true;
        }
        try {
            gateway.refund("refund:" + payment.getIdempotencyKey(), payment.getProviderReference(), payment.getAmount(), payment.getCurrency());
            steps.move(payment.getId(), PaymentStatus.REFUNDED, null);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Refund of payment " + payment.getId() + " failed; the reconciler retries", e);
            return false;
        }
    }

    public Payment find(UUID id) {
        return em.find(Payment.class, id);
    }

    /** Payments whose money is held (authorised or captured) or due back, oldest first; for the reconciler. */
    public List<Payment> open(PaymentStatus status, int olderThanSeconds, int limit) {
        return em.createQuery("select p from Payment p where p.status = :s and p.updatedAt < :t order by p.updatedAt", Payment.class)
                .setParameter("s", status).setParameter("t", java.time.Instant.now().minusSeconds(olderThanSeconds))
                .setMaxResults(limit).getResultList();
    }
}
