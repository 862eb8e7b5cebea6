package org.marquee.payment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marquee.domain.payment.PaymentStatus;

class PaymentWebhooksTest {

    @Test
    void anAuthorisationAlreadyRecordedChangesNothing() {
        for (PaymentStatus settled : new PaymentStatus[] {PaymentStatus.AUTHORISED, PaymentStatus.CAPTURED, PaymentStatus.VOID_PENDING,
                PaymentStatus.VOIDED, PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED}) {
            assertTrue(PaymentWebhooks.changesNothing("authorised", settled), settled.name());
        }
    }

    @Test
    void anAuthorisationOfAPaymentThatFailedOrWaitsIsAppliedUnderItsLock() {
        // a late authorisation is voided; a PENDING payment's confirm is still waiting for the provider
        for (PaymentStatus open : new PaymentStatus[] {PaymentStatus.PENDING, PaymentStatus.FAILED, PaymentStatus.DECLINED,
                PaymentStatus.NEEDS_ATTENTION}) {
            assertFalse(PaymentWebhooks.changesNothing("authorised", open), open.name());
        }
    }

    @Test
    void aCaptureChangesNothingOnlyOnceTheMoneyIsRecordedAsTaken() {
        assertTrue(PaymentWebhooks.changesNothing("captured", PaymentStatus.CAPTURED));
        assertTrue(PaymentWebhooks.changesNothing("captured", PaymentStatus.REFUNDED));
        assertFalse(PaymentWebhooks.changesNothing("captured", PaymentStatus.AUTHORISED), "the capture is recorded");
        assertFalse(PaymentWebhooks.changesNothing("captured", PaymentStatus.VOIDED), "money taken without a sale is refunded");
        assertFalse(PaymentWebhooks.changesNothing("captured", PaymentStatus.NEEDS_ATTENTION), "the provider did it after all");
        assertFalse(PaymentWebhooks.changesNothing("voided", PaymentStatus.VOID_PENDING));
        assertFalse(PaymentWebhooks.changesNothing(null, PaymentStatus.AUTHORISED));
    }
}
