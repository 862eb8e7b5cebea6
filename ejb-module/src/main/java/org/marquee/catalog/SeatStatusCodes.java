package org.marquee.catalog;

import java.util.Base64;
import org.marquee.domain.inventory.SeatStatus;

/**
 * The live seat map's compact form: two bits a seat, four seats a byte, in layout order, Base64-encoded.
 * Seat {@code i} is in byte {@code i / 4}, bits {@code 7-6} for {@code i % 4 == 0} down to {@code 1-0}
 * for {@code i % 4 == 3}: 0 AVAILABLE, 1 HELD, 2 SOLD. An 80,000-seat stadium is 26,668 characters.
 */
public final class SeatStatusCodes {

    private SeatStatusCodes() {
    }

    /** Packs statuses given as one letter a seat ({@code A}, {@code H} or {@code S}, the first letter of each status). */
    public static String pack(CharSequence letters) {
        byte[] packed = new byte[(letters.length() + 3) / 4];
        for (int i = 0; i < letters.length(); i++) {
            int code = switch (letters.charAt(i)) {
                case 'A' -> 0;
                case 'H' -> 1;
                case 'S' -> 2;
                default -> throw new IllegalArgumentException("not a seat status letter: " + letters.charAt(i));
            };
            packed[i / 4] |= (byte) (code << (6 - 2 * (i % 4)));
        }
        return Base64.getEncoder().encodeToString(packed);
    }

    /** The statuses of the first {@code count} seats of a packed map. */
    public static SeatStatus[] unpack(String encoded, int count) {
        byte[] packed = Base64.getDecoder().decode(encoded);
        if (packed.length * 4 < count) {
            throw new IllegalArgumentException(count + " seats do not fit in " + packed.length + " bytes");
        }
        SeatStatus[] statuses = new SeatStatus[count];
        for (int i = 0; i < count; i++) {
            int code = (packed[i / 4] >> (6 - 2 * (i % 4))) & 3;
            if (code > 2) {
                throw new IllegalArgumentException("seat " + i + " has no status (code 3)");
            }
            statuses[i] = SeatStatus.values()[code];
        }
        return statuses;
    }
}
