package org.marquee.it;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request bodies for events, shared by the tests. */
public final class Events {

    private Events() {
    }

    public static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid event on sale now, happening in 30 days, with 100 general-admission places. */
    public static String minimal(String name) {
        return withSeatTypes(name, """
                [{"name": "Standing", "price": "25.00", "currency": "EUR", "reservedSeating": false, "quantity": 100}]""");
    }

    /** A valid event on sale now with the given seat types (a JSON array). */
    public static String withSeatTypes(String name, String seatTypesJson) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"name": "%s", "code": "%s", "category": "CONCERT",
                 "venue": {"name": "Lakeside Arena", "city": "Geneva", "country": "CH", "address": "Quai 1"},
                 "performers": [{"name": "The Testers"}],
                 "startAt": "%s", "endAt": "%s", "saleStartAt": "%s", "saleEndAt": "%s",
                 "seatTypes": %s}
                """.formatted(name, uniqueCode("EV"), now.plus(30, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS),
                now.minus(1, ChronoUnit.HOURS), now.plus(29, ChronoUnit.DAYS), seatTypesJson);
    }

    /** One numbered seat type ("Bowl") of {@code sections} sections (named 100, 101, ...) of {@code rows} rows (R0, R1, ...) of {@code seats} seats. */
    public static String stadiumSeatTypes(int sections, int rows, int seats) {
        StringBuilder all = new StringBuilder();
        for (int s = 0; s < sections; s++) {
            all.append(s == 0 ? "" : ",").append("{\"name\": \"").append(100 + s).append("\", \"rows\": [");
            for (int r = 0; r < rows; r++) {
                all.append(r == 0 ? "" : ",").append("{\"label\": \"R").append(r).append("\", \"seats\": ").append(seats).append("}");
            }
            all.append("]}");
        }
        return "[{\"name\": \"Bowl\", \"price\": \"90.00\", \"currency\": \"USD\", \"reservedSeating\": true, \"sections\": ["
                + all + "]}]";
    }
}
