package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeatHoldValueTest {

    private static final UUID BOOKING = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID EVENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    @Test
    void encodesBookingEventAndExpiryInMillis() {
        SeatHoldValue value = new SeatHoldValue(BOOKING, EVENT, Instant.ofEpochMilli(1_765_000_123_456L));
        assertEquals(BOOKING + "|" + EVENT + "|1765000123456", value.encode());
    }

    @Test
    void decodesWhatItEncodes() {
        SeatHoldValue value = new SeatHoldValue(BOOKING, EVENT, 1_765_000_123_456L);
        assertEquals(value, SeatHoldValue.decode(value.encode()));
    }

    @Test
    void readsTheExpiryAlone() {
        assertEquals(1_765_000_123_456L, SeatHoldValue.expiresAtMillis(new SeatHoldValue(BOOKING, EVENT, 1_765_000_123_456L).encode()));
    }

    @Test
    void refusesValuesOfAnotherShape() {
        for (String malformed : new String[] {"", BOOKING.toString(), BOOKING + "|" + EVENT, BOOKING + "|" + EVENT + "|soon",
                "not-a-uuid|" + EVENT + "|1", BOOKING + "|" + EVENT + "|1|2"}) {
            assertThrows(IllegalArgumentException.class, () -> SeatHoldValue.decode(malformed), malformed);
        }
        assertThrows(IllegalArgumentException.class, () -> SeatHoldValue.expiresAtMillis(BOOKING + "|" + EVENT + "|soon"));
        assertThrows(IllegalArgumentException.class, () -> SeatHoldValue.expiresAtMillis(""));
    }
}
