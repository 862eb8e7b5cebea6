package org.marquee.booking;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;
import org.marquee.domain.payment.Payment;
import org.marquee.payment.PaymentMetrics;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.payment.PaymentSteps;
import org.marquee.payment.Payments;
import org.marquee.domain.payment.Settlement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.booking.Booking;
import org.marquee.domain.booking.BookingStatus;

/**
 * Payments that need a person: a capture, void or refund the provider refused, or that kept failing past
 * its retry window. Staff see each with its booking, customer and what failed, and end it one of three
 * ways (the console's page and {@code /api/v1/admin/payments} both act through here):
 * <ul>
 * <li>retry: the step is tried again now, with new idempotency keys; refused again, the payment needs
 *     attention again;</li>
 * <li>cancel and release (a failed capture only): the booking is cancelled, its seats freed, its tickets
 *     no longer valid, and the authorisation voided;</li>
 * <li>mark settled: staff settled it outside Marquee; the payment ends as its step would have ended it
 *     (captured, voided, refunded), recorded with who did it.</li>
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaymentAttention {

    /** What a staff action came to: the payment's status now, and the booking's. */
    @Schema(name = "PaymentOutcome")
    public record Outcome(UUID paymentId, PaymentStatus paymentStatus, UUID bookingId, BookingStatus bookingStatus) {
    }

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @EJB
    private Payments payments;

    @EJB
    private PaymentSteps steps;

    @EJB
    private BookingService bookings;

    @Inject
    private PaymentMetrics metrics;

    /** Every payment that needs attention, oldest first (at most 500). */
    public List<AttentionItem> list(Caller caller) {
        requireStaff(caller);
        return em.createQuery("""
                select new org.marquee.booking.AttentionItem(p.id, b.id, b.status, e.name, u.id, u.email, u.name, p.amount,
                       p.currency, p.attentionOperation, p.failureCode, p.failureMessage, p.updatedAt)
                  from Payment p, Booking b, Event e, AppUser u
                 where p.status = org.marquee.domain.payment.PaymentStatus.NEEDS_ATTENTION
                   and b.id = p.bookingId and e.id = b.eventId and u.id = b.customerId
                 order by p.updatedAt, p.id""", AttentionItem.class).setMaxResults(500).getResultList();
    }

    /** Tries the failed step again now. */
    public Outcome retry(Caller caller, UUID paymentId) {
        requireStaff(caller);
        Payment resumed = steps.resume(paymentId, "retried by staff " + caller.id());
        if (resumed.getStatus() == Settlement.CAPTURE.from()) {
            payments.capture(resumed);
        } else {
            payments.giveBack(paymentId);
        }
        return outcome(paymentId);
    }

    /** A booking whose capture failed is cancelled: seats released, tickets void, the authorisation voided. */
    public Outcome cancelAndRelease(Caller caller, UUID paymentId) {
        requireStaff(caller);
        Payment p = payments.find(paymentId);
        if (p == null) {
            throw MarqueeException.notFound("Payment", paymentId);
        }
        if (p.getStatus() != PaymentStatus.NEEDS_ATTENTION || p.getAttentionOperation() != Settlement.CAPTURE) {
            throw new MarqueeException(ProblemCode.CONFLICT,
                    "Only a payment whose capture failed has a booking to cancel (this one is " + p.getStatus()
                            + (p.getAttentionOperation() == null ? "" : ", its " + p.getAttentionOperation().name().toLowerCase() + " failed") + ")");
        }
        bookings.cancel(caller, p.getBookingId());
        return outcome(paymentId);
    }

    /** Staff settled the payment outside Marquee. */
    public Outcome markSettled(Caller caller, UUID paymentId) {
        requireStaff(caller);
        steps.settleByStaff(paymentId, "marked settled by staff " + caller.id());
        return outcome(paymentId);
    }

    private Outcome outcome(UUID paymentId) {
        metrics.needingAttention(payments.needingAttention());
        Payment p = payments.find(paymentId);
        String booking = (String) em.createNativeQuery("select status from booking where id = cast(?1 as uuid)")
                .setParameter(1, p.getBookingId().toString()).getSingleResult();
        return new Outcome(paymentId, p.getStatus(), p.getBookingId(), BookingStatus.valueOf(booking));
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isStaff()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only box-office staff handle payments that need attention");
        }
    }
}
