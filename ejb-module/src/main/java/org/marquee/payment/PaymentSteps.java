package org.marquee.payment;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import java.util.UUID;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.domain.payment.Payment;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.domain.payment.Settlement;

/**
 * The short transactions around payment provider calls: a payment row is written before and after each
 * call. Every change locks the payment row and names the states it may start from, so the confirm
 * flow, webhooks and the reconciler, racing on one payment, each see what the other did and never
 * move a payment backwards.
 */
@Stateless
public class PaymentSteps {

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    /**
     * Moves the payment to {@code status} if it is in one of {@code from}; returns the payment as it is
     * now, moved or not. {@code code} and {@code message}, when given, say why (kept in the history).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment move(UUID paymentId, Set<PaymentStatus> from, PaymentStatus status, String reference, String code, String message) {
        Payment p = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p != null && from.contains(p.getStatus())) {
            if (code != null) {
                p.fail(status, code, message);
                if (reference != null) {
                    p.moveTo(status, reference);
                }
            } else {
                p.moveTo(status, reference);
            }
        }
        return p;
    }

    /**
     * Marks an authorisation to be voided unless its booking was paid meanwhile. The payment row is
     * locked first and the purchase locks it too, so a purchase and a void never both win.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean markVoidUnlessPaid(UUID paymentId) {
        Payment p = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || p.getStatus() != PaymentStatus.AUTHORISED) {
            return false;
        }
        if (BookingStatusOfPayment.of(em, p) == BookingStatus.PAID) {
            return false;
        }
        p.fail(PaymentStatus.VOID_PENDING, "not_purchased", "the booking was not paid; the authorisation is released");
        return true;
    }

    /**
     * Records the provider's captures of authorised payments, in one statement. The rows are locked in id
     * order first, the order every transaction that locks several payments keeps (the purchase batch, the
     * webhook batch): an update locking them in scan order deadlocked against a webhook batch. The lock is
     * the one an update takes ({@code for no key update}): it lets the foreign-key checks of webhook
     * records for these payments through, where {@code for update} would wait on them.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markCaptured(List<UUID> paymentIds) {
        // plain JDBC in the bean's transaction: the settlers run this for every batch of purchases, and
        // EclipseLink's native query (flush, parse, bind) cost more than the statement
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement("""
                with locked as (select id from payment
                                 where id = any (?) and status = 'AUTHORISED'
                                 order by id for no key update)
                update payment p set status = 'CAPTURED', updated_at = now(), version = p.version + 1
                  from locked where p.id = locked.id and p.status = 'AUTHORISED'""")) {
            update.setArray(1, c.createArrayOf("uuid", paymentIds.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + paymentIds.size() + " captures failed", e);
        }
    }

    /**
     * {@code step} cannot be done: the payment, if it still waits for that step, now needs a person.
     * Returns whether it moved.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean needsAttention(UUID paymentId, Settlement step, String code, String message) {
        Payment p = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || p.getStatus() != step.from()) {
            return false;
        }
        p.needsAttention(step, code, message);
        return true;
    }

    /** Staff retry: the payment goes back to wait for its failed step, with new keys. CONFLICT unless it needs attention. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment resume(UUID paymentId, String by) {
        Payment p = needingAttention(paymentId);
        if (p.getAttentionOperation() == Settlement.CAPTURE && BookingStatusOfPayment.of(em, p) != BookingStatus.PAID) {
            throw new MarqueeException(ProblemCode.CONFLICT, "The booking is not paid any more: there is nothing to capture; mark the payment settled or cancel it");
        }
        p.resume(by);
        return p;
    }

    /**
     * Staff settled the payment outside Marquee (took the money another way, or handed it back): it ends
     * as its step would have ended it. A capture is settled only for a booking still PAID.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Payment settleByStaff(UUID paymentId, String by) {
        Payment p = needingAttention(paymentId);
        Settlement step = p.getAttentionOperation();
        if (step == Settlement.CAPTURE && BookingStatusOfPayment.of(em, p) != BookingStatus.PAID) {
            throw new MarqueeException(ProblemCode.CONFLICT, "The booking is not paid any more: money kept for it would be captured without a sale");
        }
        p.fail(step.to(), "settled_by_staff", by);
        return p;
    }

    private Payment needingAttention(UUID paymentId) {
        Payment p = em.find(Payment.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw MarqueeException.notFound("Payment", paymentId);
        }
        if (p.getStatus() != PaymentStatus.NEEDS_ATTENTION) {
            throw new MarqueeException(ProblemCode.CONFLICT, "The payment does not need attention (it is " + p.getStatus() + ")");
        }
        return p;
    }
}
