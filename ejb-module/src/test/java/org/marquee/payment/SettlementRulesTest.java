package org.marquee.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.domain.payment.Payment;
import org.marquee.domain.payment.PaymentMethod;
import org.marquee.domain.payment.PaymentStatus;
import org.marquee.domain.payment.Settlement;

class SettlementRulesTest {

    @Test
    void aVoidIsDoneWhenNothingIsHeldAnyMore() {
        assertTrue(Payments.done(Settlement.VOID, ProviderResult.ok("pay_1", "voided")));
        assertTrue(Payments.done(Settlement.VOID, ProviderResult.notFound()));
        assertTrue(Payments.done(Settlement.VOID, ProviderResult.declined("already_voided", null)));
        assertTrue(Payments.done(Settlement.VOID, ProviderResult.declined("authorisation_expired", null)));
        assertFalse(Payments.done(Settlement.VOID, ProviderResult.declined("void_refused", null)));
    }

    @Test
    void aRefundIsDoneOnlyWhenTheProviderSaysTheMoneyWentBack() {
        assertTrue(Payments.done(Settlement.REFUND, ProviderResult.ok("pay_1", "refunded")));
        assertTrue(Payments.done(Settlement.REFUND, ProviderResult.declined("already_refunded", null)));
        assertFalse(Payments.done(Settlement.REFUND, ProviderResult.notFound()), "an unknown payment is not money returned");
        assertFalse(Payments.done(Settlement.REFUND, ProviderResult.declined("refund_refused", null)));
    }

    @Test
    void eachStaffRetryCallsTheProviderWithAKeyOfItsOwn() {
        Payment p = new Payment(UUID.randomUUID(), "simulator", "b:1", PaymentMethod.CARD, new BigDecimal("30.00"), "EUR");
        p.moveTo(PaymentStatus.AUTHORISED, "pay_1");
        assertEquals("capture:b:1", Settlement.CAPTURE.key(p));
        p.needsAttention(Settlement.CAPTURE, "authorisation_expired", "refused");
        assertEquals(PaymentStatus.NEEDS_ATTENTION, p.getStatus());
        assertEquals(Settlement.CAPTURE, p.resume("staff"));
        assertEquals(PaymentStatus.AUTHORISED, p.getStatus());
        assertEquals(null, p.getAttentionOperation());
        assertEquals("capture:b:1#1", Settlement.CAPTURE.key(p));
        assertEquals("refund:b:1#1", Settlement.REFUND.key(p));
    }
}
