package org.marquee.payment;

import jakarta.persistence.EntityManager;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.domain.payment.Payment;
import org.marquee.persistence.Columns;

/** The status of the booking a payment pays for, read where a payment step depends on it. */
final class BookingStatusOfPayment {

    private BookingStatusOfPayment() {
    }

    static BookingStatus of(EntityManager em, Payment payment) {
        Object status = em.createNativeQuery("select status from booking where id = cast(?1 as uuid)")
                .setParameter(1, payment.getBookingId().toString()).getSingleResult();
        return Columns.enumValue(BookingStatus.class, (String) status, "the status of booking " + payment.getBookingId());
    }
}
