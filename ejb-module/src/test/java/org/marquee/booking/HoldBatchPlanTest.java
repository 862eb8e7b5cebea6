package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.idempotency.IdempotencyStore;

class HoldBatchPlanTest {

    private static final UUID EVENT_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID EVENT_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID FAN_1 = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID FAN_2 = UUID.fromString("10000000-0000-0000-0000-000000000002");
    private static final UUID SEAT_1 = UUID.fromString("20000000-0000-0000-0000-000000000001");
    private static final UUID SEAT_2 = UUID.fromString("20000000-0000-0000-0000-000000000002");
    private static final UUID SEAT_3 = UUID.fromString("20000000-0000-0000-0000-000000000003");
    private static final UUID TYPE = UUID.fromString("30000000-0000-0000-0000-000000000001");

    private static HoldCommand seats(UUID event, UUID customer, IdempotencyStore.Key key, UUID... seats) {
        return new HoldCommand(customer, event, List.of(seats), null, 0, key);
    }

    private static HoldCommand quantity(UUID event, UUID customer, IdempotencyStore.Key key) {
        return new HoldCommand(customer, event, null, TYPE, 2, key);
    }

    private static IdempotencyStore.Key key(String principal, String key, String hash) {
        return new IdempotencyStore.Key(principal, "POST /bookings", key, hash);
    }

    @Test
    void membersAreOrderedByEventThenCustomerThenLowestChosenSeat() {
        HoldCommand b1 = seats(EVENT_B, FAN_1, null, SEAT_1);
        HoldCommand a2 = seats(EVENT_A, FAN_2, null, SEAT_1);
        HoldCommand a1High = seats(EVENT_A, FAN_1, null, SEAT_3, SEAT_2);
        HoldCommand a1Low = seats(EVENT_A, FAN_1, null, SEAT_3, SEAT_1);
        HoldCommand a1Quantity = quantity(EVENT_A, FAN_1, null);

        HoldBatchPlan<HoldCommand> plan = HoldBatchPlan.of(List.of(b1, a2, a1Quantity, a1High, a1Low), Function.identity());

        assertEquals(List.of(a1Low, a1High, a1Quantity, a2, b1), plan.members());
        assertTrue(plan.deferred().isEmpty());
    }

    @Test
    void aSecondRequestWithAKeyAlreadyInTheBatchWaitsForTheNextBatch() {
        HoldCommand first = quantity(EVENT_A, FAN_1, key("fan1", "k", "hash-1"));
        HoldCommand sameKeyOtherBody = quantity(EVENT_B, FAN_1, key("fan1", "k", "hash-2"));
        HoldCommand sameKeyOtherCaller = quantity(EVENT_A, FAN_2, key("fan2", "k", "hash-1"));
        HoldCommand noKey = quantity(EVENT_A, FAN_1, null);
        HoldCommand noKeyAgain = quantity(EVENT_A, FAN_1, null);

        HoldBatchPlan<HoldCommand> plan = HoldBatchPlan.of(List.of(first, sameKeyOtherBody, sameKeyOtherCaller, noKey, noKeyAgain),
                Function.identity());

        assertEquals(List.of(sameKeyOtherBody), plan.deferred());
        assertEquals(4, plan.members().size());
        assertTrue(plan.members().containsAll(List.of(first, sameKeyOtherCaller, noKey, noKeyAgain)));
    }

    @Test
    void anEmptyArrivalIsAnEmptyPlan() {
        HoldBatchPlan<HoldCommand> plan = HoldBatchPlan.of(List.of(), Function.identity());
        assertTrue(plan.members().isEmpty());
        assertTrue(plan.deferred().isEmpty());
    }

    @Test
    void commandsAreValidatedBeforeTheyReachABatch() {
        HoldCommand ok = HoldCommand.of(FAN_1, new HoldRequest(EVENT_A.toString(), List.of(SEAT_2.toString(), SEAT_1.toString()), null, null), null);
        assertEquals(List.of(SEAT_2, SEAT_1), ok.seatIds());
        assertEquals(2, ok.seats());

        MarqueeException twice = assertThrows(MarqueeException.class, () -> HoldCommand.of(FAN_1,
                new HoldRequest(EVENT_A.toString(), List.of(SEAT_1.toString(), SEAT_1.toString()), null, null), null));
        assertEquals(ProblemCode.VALIDATION_FAILED, twice.code());
        assertEquals("seatIds[1]", twice.errors().get(0).field());

        MarqueeException both = assertThrows(MarqueeException.class, () -> HoldCommand.of(FAN_1,
                new HoldRequest("not-a-uuid", List.of(SEAT_1.toString()), TYPE.toString(), 2), null));
        assertEquals(2, both.errors().size());

        MarqueeException tooMany = assertThrows(MarqueeException.class, () -> HoldCommand.of(FAN_1,
                new HoldRequest(EVENT_A.toString(), null, TYPE.toString(), 51), null));
        assertEquals("quantity", tooMany.errors().get(0).field());
    }

    @Test
    void everyRefusalOutcomeMapsToItsProblem() {
        assertEquals(ProblemCode.SEATS_UNAVAILABLE, HoldOutcome.UNAVAILABLE.refusal(EVENT_A, SEAT_1 + "," + SEAT_2).code());
        assertEquals(List.of(SEAT_1, SEAT_2), HoldOutcome.UNAVAILABLE.refusal(EVENT_A, SEAT_1 + "," + SEAT_2).extensions().get("unavailableSeatIds"));
        assertEquals(ProblemCode.SEATS_UNAVAILABLE, HoldOutcome.BUSY.refusal(EVENT_A, SEAT_1.toString()).code());
        assertEquals(0, HoldOutcome.SHORT.refusal(EVENT_A, "0").extensions().get("available"));
        assertEquals(ProblemCode.SALE_NOT_OPEN, HoldOutcome.CLOSED.refusal(EVENT_A, "2026-12-01T12:55:20.014420Z").code());
        assertEquals(ProblemCode.SALE_NOT_OPEN, HoldOutcome.NOT_YET.refusal(EVENT_A, "2026-12-01T12:55:20.014420Z").code());
        assertEquals(ProblemCode.LIMIT_EXCEEDED, HoldOutcome.TOO_MANY.refusal(EVENT_A, "8").code());
        assertEquals(ProblemCode.LIMIT_EXCEEDED, HoldOutcome.LIVE_CAP.refusal(EVENT_A, null).code());
        assertEquals(ProblemCode.NOT_FOUND, HoldOutcome.NO_EVENT.refusal(EVENT_A, null).code());
        assertEquals(ProblemCode.VALIDATION_FAILED, HoldOutcome.NO_TYPE.refusal(EVENT_A, null).code());
        assertEquals(ProblemCode.VALIDATION_FAILED, HoldOutcome.UNKNOWN_SEATS.refusal(EVENT_A, SEAT_1.toString()).code());
        assertEquals(ProblemCode.VALIDATION_FAILED, HoldOutcome.GENERAL_ADMISSION.refusal(EVENT_A, SEAT_1.toString()).code());
        assertThrows(IllegalStateException.class, () -> HoldOutcome.HELD.refusal(EVENT_A, null));
    }
}
