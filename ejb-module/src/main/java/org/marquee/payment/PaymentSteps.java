package org.marquee.payment;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/** The short transactions around payment provider calls: a payment row is written before and after each call. */
@Stateless
public class PaymentSteps {

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment open(UUID bookingId, String provider, BigDecimal amount, String currency) {
        return open(bookingId, provider, PaymentMethod.CARD, amount, currency);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment open(UUID bookingId, String provider, PaymentMethod method, BigDecimal amount, String currency) {
        long attempt = ((Number) em.createNativeQuery("select count(*) from payment where booking_id = cast(?1 as uuid)")
                .setParameter(1, bookingId.toString()).getSingleResult()).longValue();
        Payment payment = new Payment(bookingId, provider, bookingId + ":" + (attempt + 1), method, amount, currency);
        try {
            em.persist(payment);
            em.flush();
        } catch (PersistenceException e) {
            throw new MarqueeException(ProblemCode.CONFLICT, "A payment for this booking is already in progress; retry shortly");
        }
        return payment;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment move(UUID paymentId, PaymentStatus status, String reference) {
        Payment p = em.find(Payment.class, paymentId);
        p.moveTo(status, reference);
        return p;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(UUID paymentId, PaymentStatus status, String code, String message) {
        em.find(Payment.class, paymentId).fail(status, code, message);
    }
}
