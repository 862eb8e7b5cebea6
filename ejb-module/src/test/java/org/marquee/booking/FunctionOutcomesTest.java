package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each booking function's outcome column is parsed by its own enum; a value Java does not know names the function. */
class FunctionOutcomesTest {

    @Test
    void parsesEachFunctionsOutcomes() {
        assertEquals(HoldOutcome.LIVE_CAP, HoldOutcome.of("LIVE_CAP"));
        assertEquals(PaymentOpening.Outcome.IN_PROGRESS, PaymentOpening.Outcome.of("IN_PROGRESS"));
        assertEquals(PurchaseAnswer.Outcome.PAYMENT_RELEASED, PurchaseAnswer.Outcome.of("PAYMENT_RELEASED"));
    }

    @Test
    void anUnknownOrMissingOutcomeFailsNamingItsFunction() {
        assertFailsNaming("booking_hold_batch", () -> HoldOutcome.of("HELD_MAYBE"));
        assertFailsNaming("payment_open_batch", () -> PaymentOpening.Outcome.of("held"));
        assertFailsNaming("booking_pay_batch", () -> PurchaseAnswer.Outcome.of(null));
    }

    private static void assertFailsNaming(String function, Runnable parse) {
        IllegalStateException e = assertThrows(IllegalStateException.class, parse::run);
        assertTrue(e.getMessage().contains(function), e.getMessage());
    }
}
