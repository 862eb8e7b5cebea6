package org.marquee.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.marquee.domain.inventory.SeatStatus;

class SeatStatusCodesTest {

    @Test
    void fourSeatsAByteMostSignificantBitsFirst() {
        // A H S A | S -> 00 01 10 00 | 10 00 00 00
        String packed = SeatStatusCodes.pack("AHSAS");
        assertArrayEquals(new byte[] {0b00011000, (byte) 0b10000000}, java.util.Base64.getDecoder().decode(packed));
        assertArrayEquals(new SeatStatus[] {SeatStatus.AVAILABLE, SeatStatus.HELD, SeatStatus.SOLD, SeatStatus.AVAILABLE, SeatStatus.SOLD},
                SeatStatusCodes.unpack(packed, 5));
    }

    @Test
    void aStadiumFitsInUnderFiftyKilobytes() {
        Random random = new Random(7);
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 80_000; i++) {
            letters.append("AHS".charAt(random.nextInt(3)));
        }
        String packed = SeatStatusCodes.pack(letters);
        assertEquals(26_668, packed.length());
        SeatStatus[] back = SeatStatusCodes.unpack(packed, 80_000);
        for (int i = 0; i < 80_000; i++) {
            assertEquals(letters.charAt(i), back[i].name().charAt(0), "seat " + i);
        }
    }

    @Test
    void anEmptyMapIsEmpty() {
        assertEquals("", SeatStatusCodes.pack(""));
        assertEquals(0, SeatStatusCodes.unpack("", 0).length);
    }

    @Test
    void refusesWhatIsNotAStatus() {
        assertThrows(IllegalArgumentException.class, () -> SeatStatusCodes.pack("AX"));
        assertThrows(IllegalArgumentException.class, () -> SeatStatusCodes.unpack(SeatStatusCodes.pack("A"), 9));
    }
}
