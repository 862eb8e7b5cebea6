package org.marquee.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DoorCodesTest {

    private final DoorCodes codes = new DoorCodes("a test key of 32 bytes, no more.".getBytes(StandardCharsets.UTF_8));
    private final UUID ticket = UUID.randomUUID();
    private final UUID seat = UUID.randomUUID();

    @Test
    void aCodeLivesBetweenThirtyAndSixtySecondsAndStaysTheSameWithinAStep() {
        Instant stepStart = Instant.ofEpochSecond(1_800_000_000L / 30 * 30);
        DoorCodes.DoorCode first = codes.current(ticket, seat, stepStart);
        assertEquals(stepStart.plusSeconds(60), first.expiresAt());
        DoorCodes.DoorCode late = codes.current(ticket, seat, stepStart.plusSeconds(29));
        assertEquals(first, late, "one code per 30-second step");
        assertEquals(31, late.expiresAt().getEpochSecond() - stepStart.plusSeconds(29).getEpochSecond(), "asked at the end of a step: 31 s left");
        DoorCodes.DoorCode next = codes.current(ticket, seat, stepStart.plusSeconds(30));
        assertNotEquals(first.code(), next.code(), "the code rotates every step");
    }

    @Test
    void aCodeOpensTheDoorUntilItsExpiryAndNeverAfter() {
        Instant now = Instant.ofEpochSecond(1_800_000_017L);
        DoorCodes.DoorCode code = codes.current(ticket, seat, now);
        DoorCodes.Scanned scanned = codes.read(code.code()).orElseThrow();
        assertEquals(ticket, scanned.ticketId());
        assertTrue(codes.isSigned(scanned, seat));
        assertTrue(DoorCodes.isCurrent(scanned.expiresAt(), now));
        assertTrue(DoorCodes.isCurrent(scanned.expiresAt(), code.expiresAt().minusMillis(1)));
        assertFalse(DoorCodes.isCurrent(scanned.expiresAt(), code.expiresAt()));
        assertFalse(DoorCodes.isCurrent(scanned.expiresAt(), code.expiresAt().plusSeconds(3600)));
    }

    @Test
    void anAlteredOrForeignCodeIsNotSigned() {
        DoorCodes.DoorCode code = codes.current(ticket, seat, Instant.ofEpochSecond(1_800_000_000L));
        DoorCodes.Scanned scanned = codes.read(code.code()).orElseThrow();
        assertFalse(codes.isSigned(scanned, UUID.randomUUID()), "another seat");
        String later = code.code().replace("." + code.expiresAt().getEpochSecond() + ".", "." + (code.expiresAt().getEpochSecond() + 600) + ".");
        assertFalse(codes.isSigned(codes.read(later).orElseThrow(), seat), "a later expiry written by hand");
        DoorCodes other = new DoorCodes("another installation's key......".getBytes(StandardCharsets.UTF_8));
        assertFalse(other.isSigned(scanned, seat), "another installation");
        // a code further ahead than a minute is never current, even if it were signed
        assertFalse(DoorCodes.isCurrent(Instant.ofEpochSecond(1_800_000_000L + 600), Instant.ofEpochSecond(1_800_000_000L)));
    }

    @Test
    void onlyTheShapeOfARotatingCodeIsRead() {
        assertTrue(codes.read(null).isEmpty());
        assertTrue(codes.read("MQ1.abc.def").isEmpty());
        assertTrue(codes.read("MQR.abc.123.def").isEmpty(), "the ticket id must be 16 bytes");
        assertTrue(codes.read("MQR.AAAAAAAAAAAAAAAAAAAAAA.soon.def").isEmpty());
        assertTrue(codes.read("MQR.AAAAAAAAAAAAAAAAAAAAAA.99999999999999999.def").isEmpty());
    }
}
