package org.marquee.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.catalog.NewEvent.NewRow;
import org.marquee.catalog.NewEvent.NewSeatType;
import org.marquee.catalog.NewEvent.NewSection;
import org.marquee.catalog.NewEvent.NewVenue;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.error.Validation;
import org.marquee.domain.catalog.Category;

class EventRulesTest {

    /** Field path to message of every error the validation collected. */
    private static Map<String, String> errors(Validation v) {
        Map<String, String> byField = new LinkedHashMap<>();
        try {
            v.throwIfInvalid();
        } catch (MarqueeException e) {
            for (FieldError error : e.errors()) {
                byField.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
            }
        }
        return byField;
    }

    private static NewSeatType numbered(String name, String currency, NewSection... sections) {
        return new NewSeatType(name, null, "45.00", currency, true, List.of(sections), null);
    }

    private static NewSeatType standing(String name, Integer quantity) {
        return new NewSeatType(name, null, "20.00", "EUR", false, null, quantity);
    }

    private static NewSection section(String name, int rows, int seatsPerRow) {
        List<NewRow> r = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            r.add(new NewRow(String.valueOf((char) ('A' + i)), seatsPerRow));
        }
        return new NewSection(name, r);
    }

    @Test
    void seatTypesCountTheirSeats() {
        Validation v = new Validation();
        int seats = EventRules.seatTypes(List.of(numbered("Stalls", "EUR", section("S1", 3, 10), section("S2", 2, 5)),
                standing("Floor", 300)), v);
        assertEquals(3 * 10 + 2 * 5 + 300, seats);
        assertEquals(Map.of(), errors(v));
    }

    @Test
    void everyMistakeOfEverySeatTypeIsReportedAtItsPath() {
        Validation v = new Validation();
        int seats = EventRules.seatTypes(List.of(
                numbered("Stalls", "EUR", new NewSection("S1", List.of(new NewRow("A", 10), new NewRow("a", 0)))),
                new NewSeatType("stalls", null, "12.345", "USD", false, null, null),
                new NewSeatType("Box", null, "-1", "EURO", null, null, null)), v);
        assertEquals(0, seats, "invalid seat types make no seats");
        Map<String, String> e = errors(v);
        assertTrue(e.get("seatTypes[0].sections[0].rows[1].label").contains("defined twice (also at seatTypes[0].sections[0].rows[0])"), e.toString());
        assertEquals("must be between 1 and 1000", e.get("seatTypes[0].sections[0].rows[1].seats"));
        assertEquals("is used by another seat type", e.get("seatTypes[1].name"));
        assertEquals("has at most two decimals", e.get("seatTypes[1].price"));
        assertEquals("all seat types of an event use one currency", e.get("seatTypes[1].currency"));
        assertEquals("is required", e.get("seatTypes[1].quantity"));
        assertEquals("must be positive", e.get("seatTypes[2].price"));
        assertTrue(e.get("seatTypes[2].currency").startsWith("must be an ISO 4217"), e.toString());
        assertEquals("is required", e.get("seatTypes[2].reservedSeating"));
    }

    @Test
    void numberedSeatsComeFromSectionsAndStandingFromAQuantity() {
        Validation v = new Validation();
        EventRules.seatTypes(List.of(
                new NewSeatType("A", null, "1", "EUR", true, List.of(section("S", 1, 1)), 5),
                new NewSeatType("B", null, "1", "EUR", false, List.of(section("S", 1, 1)), 5),
                new NewSeatType("C", null, "1", "EUR", true, List.of(), null)), v);
        Map<String, String> e = errors(v);
        assertTrue(e.get("seatTypes[0].quantity").startsWith("is only for general admission"), e.toString());
        assertEquals("is only for reserved seating", e.get("seatTypes[1].sections"));
        assertEquals("at least one section is required", e.get("seatTypes[2].sections"));
    }

    @Test
    void anEventHasAtMostTwoHundredThousandSeats() {
        Validation ok = new Validation();
        assertEquals(EventRules.MAX_SEATS_PER_EVENT,
                EventRules.seatTypes(List.of(standing("A", 150_000), standing("B", 50_000)), ok));
        Validation tooMany = new Validation();
        assertEquals(0, EventRules.seatTypes(List.of(standing("A", 150_000), standing("B", 50_001)), tooMany));
        assertTrue(errors(tooMany).get("seatTypes").endsWith("these seat types make 200001"), errors(tooMany).toString());
    }

    @Test
    void noSeatTypesOrTooManyIsAnError() {
        Validation none = new Validation();
        EventRules.seatTypes(List.of(), none);
        assertEquals("at least one seat type is required", errors(none).get("seatTypes"));
        Validation missing = new Validation();
        EventRules.seatTypes(null, missing);
        assertEquals("is required", errors(missing).get("seatTypes"));
        Validation many = new Validation();
        EventRules.seatTypes(Collections.nCopies(EventRules.MAX_SEAT_TYPES + 1, standing("A", 1)), many);
        assertEquals("at most 100 seat types", errors(many).get("seatTypes"));
    }

    @Test
    void pricesAreDecimalStringsWithAtMostTwoDecimals() {
        Validation v = new Validation();
        assertEquals(new BigDecimal("45.50"), EventRules.price(" 45.5 ", "price", v));
        assertEquals(new BigDecimal("99999999.99"), EventRules.price("99999999.99", "price", v));
        assertFalse(v.hasErrors());
        assertNull(EventRules.price("forty", "p1", v));
        assertNull(EventRules.price("0", "p2", v));
        assertNull(EventRules.price("100000000", "p3", v));
        assertNull(EventRules.price(null, "p4", v));
        Map<String, String> e = errors(v);
        assertEquals("must be a decimal amount such as \"70.00\"", e.get("p1"));
        assertEquals("must be positive", e.get("p2"));
        assertEquals("must be at most 99999999.99", e.get("p3"));
        assertEquals("is required", e.get("p4"));
    }

    @Test
    void theSaleWindowLiesBeforeTheEvent() {
        Instant start = Instant.parse("2027-06-01T19:00:00Z");
        Validation ok = new Validation();
        EventRules.times(start, start.plusSeconds(3600), start.minusSeconds(86_400), start, ok);
        assertFalse(ok.hasErrors(), "a sale may close when the event starts");

        Validation v = new Validation();
        EventRules.times(start, start, start.minusSeconds(60), start.minusSeconds(120), v);
        Map<String, String> e = errors(v);
        assertEquals("must be after startAt", e.get("endAt"));
        assertEquals("must be after saleStartAt", e.get("saleEndAt"));

        Validation late = new Validation();
        EventRules.times(start, null, start.minusSeconds(60), start.plusSeconds(1), late);
        assertTrue(errors(late).get("saleEndAt").startsWith("must not be after startAt"));
    }

    @Test
    void timesAreIsoInstants() {
        Validation v = new Validation();
        assertEquals(Instant.parse("2027-06-01T19:00:00Z"), EventRules.time(" 2027-06-01T19:00:00Z ", "startAt", v));
        assertNull(EventRules.time(null, "endAt", v));
        assertFalse(v.hasErrors(), "a missing time is not this rule's error");
        assertNull(EventRules.time("2027-06-01 19:00", "startAt", v));
        assertTrue(errors(v).get("startAt").startsWith("must be an ISO-8601 UTC time"));
    }

    @Test
    void categoriesAreTheKnownOnesWhateverTheirCase() {
        Validation v = new Validation();
        assertEquals(Category.CONCERT, EventRules.category(" concert ", "category", v));
        assertNull(EventRules.category("opera-ish", "category", v));
        assertTrue(errors(v).get("category").startsWith("must be one of [CONCERT"), errors(v).toString());
    }

    @Test
    void venuesNeedANameACityAndACountryCode() {
        Validation v = new Validation();
        EventRules.venue(new NewVenue("Blue Hall", "Paris", "FR", null), v);
        assertFalse(v.hasErrors());
        EventRules.venue(new NewVenue(" ", "Paris", "France", "x".repeat(501)), v);
        Map<String, String> e = errors(v);
        assertEquals("is required", e.get("venue.name"));
        assertEquals("must be an ISO 3166 two-letter country code", e.get("venue.country"));
        assertEquals("must be at most 500 characters", e.get("venue.address"));
        Validation none = new Validation();
        EventRules.venue(null, none);
        assertEquals("is required", errors(none).get("venue"));
    }

    @Test
    void performersAreListedOnceAndAtMostFifty() {
        Validation v = new Validation();
        EventRules.performers(List.of(new NewPerformer("Nina"), new NewPerformer(" nina ")), v);
        assertEquals("is listed twice", errors(v).get("performers[1].name"));
        Validation many = new Validation();
        List<NewPerformer> fiftyOne = new ArrayList<>();
        for (int i = 0; i <= EventRules.MAX_PERFORMERS; i++) {
            fiftyOne.add(new NewPerformer("P" + i));
        }
        EventRules.performers(fiftyOne, many);
        assertEquals("at most 50 performers", errors(many).get("performers"));
    }

    @Test
    void codesAreShortAndPlain() {
        Validation v = new Validation();
        EventRules.code("JAZZ-2027.06_01", v);
        assertFalse(v.hasErrors());
        EventRules.code("-starts-with-a-dash", v);
        assertTrue(v.hasErrors());
        Validation tooLong = new Validation();
        EventRules.code("a".repeat(65), tooLong);
        assertTrue(tooLong.hasErrors());
    }
}
