package org.marquee.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.catalog.NewEvent.NewRow;
import org.marquee.catalog.NewEvent.NewSeatType;
import org.marquee.catalog.NewEvent.NewSection;
import org.marquee.catalog.NewEvent.NewVenue;
import org.marquee.error.Validation;
import org.marquee.domain.catalog.Category;

/**
 * The rules an event must satisfy, checked field by field so that a client learns everything wrong
 * with a request at once. Field names are JSON paths of the request ({@code seatTypes[0].price}).
 */
final class EventRules {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_SEATS_PER_EVENT = 200_000;
    static final int MAX_SEAT_TYPES = 100;
    static final int MAX_SECTIONS = 1_000;
    static final int MAX_ROWS_PER_SECTION = 500;
    static final int MAX_SEATS_PER_ROW = 1_000;
    static final int MAX_PERFORMERS = 50;
    static final BigDecimal MAX_PRICE = new BigDecimal("99999999.99");
    static final int MIN_HOLD_TTL_SECONDS = 5;
    static final int MAX_HOLD_TTL_SECONDS = 3600;
    static final int MIN_SEATS_PER_BOOKING = 1;
    static final int MAX_SEATS_PER_BOOKING = 50;

    private EventRules() {
    }

    static Category category(String value, String field, Validation v) {
        if (value == null) {
            return null;
        }
        try {
            return Category.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.fail(field, "must be one of " + java.util.Arrays.toString(Category.values()));
            return null;
        }
    }

    /** An ISO-8601 UTC time such as 2026-12-18T18:00:00Z, or null (missing) with a field error if malformed. */
    static Instant time(String value, String field, Validation v) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            v.fail(field, "must be an ISO-8601 UTC time such as 2026-12-18T18:00:00Z");
            return null;
        }
    }

    static void code(String code, Validation v) {
        if (code != null) {
            v.check(code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"), "code", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** How long a hold of the event lives, if given. */
    static boolean holdTtlSeconds(Integer seconds, Validation v) {
        return v.range(seconds, "holdTtlSeconds", MIN_HOLD_TTL_SECONDS, MAX_HOLD_TTL_SECONDS);
    }

    /** How many seats one booking of the event may have, if given. */
    static boolean maxSeatsPerBooking(Integer seats, Validation v) {
        return v.range(seats, "maxSeatsPerBooking", MIN_SEATS_PER_BOOKING, MAX_SEATS_PER_BOOKING);
    }

    static void times(Instant startAt, Instant endAt, Instant saleStartAt, Instant saleEndAt, Validation v) {
        if (startAt != null && endAt != null) {
            v.check(endAt.isAfter(startAt), "endAt", "must be after startAt");
        }
        if (saleStartAt != null && saleEndAt != null) {
            v.check(saleEndAt.isAfter(saleStartAt), "saleEndAt", "must be after saleStartAt");
        }
        if (startAt != null && saleEndAt != null) {
            v.check(!saleEndAt.isAfter(startAt), "saleEndAt", "must not be after startAt: the sale window lies before the event");
        }
    }

    static void venue(NewVenue venue, Validation v) {
        if (!v.required(venue, "venue")) {
            return;
        }
        v.text(venue.name(), "venue.name", MAX_NAME);
        v.text(venue.city(), "venue.city", MAX_NAME);
        if (v.required(venue.country(), "venue.country")) {
            v.check(isCountry(venue.country()), "venue.country", "must be an ISO 3166 two-letter country code");
        }
        v.optionalText(venue.address(), "venue.address", 500);
    }

    static void performers(List<NewPerformer> performers, Validation v) {
        if (performers == null) {
            return;
        }
        if (!v.check(performers.size() <= MAX_PERFORMERS, "performers", "at most " + MAX_PERFORMERS + " performers")) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < performers.size(); i++) {
            NewPerformer p = performers.get(i);
            String field = "performers[" + i + "].name";
            if (v.required(p, "performers[" + i + "]") && v.text(p.name(), field, MAX_NAME)) {
                v.check(seen.add(p.name().strip().toLowerCase(Locale.ROOT)), field, "is listed twice");
            }
        }
    }

    /** Validates the seat types and returns how many seats they make (0 if invalid). */
    static int seatTypes(List<NewSeatType> seatTypes, Validation v) {
        if (!v.required(seatTypes, "seatTypes")) {
            return 0;
        }
        if (!v.check(!seatTypes.isEmpty(), "seatTypes", "at least one seat type is required")
                || !v.check(seatTypes.size() <= MAX_SEAT_TYPES, "seatTypes", "at most " + MAX_SEAT_TYPES + " seat types")) {
            return 0;
        }
        long seats = 0;
        Set<String> names = new HashSet<>();
        Map<String, String> rowOwner = new HashMap<>();
        String eventCurrency = null;
        for (int i = 0; i < seatTypes.size(); i++) {
            String at = "seatTypes[" + i + "]";
            NewSeatType t = seatTypes.get(i);
            if (!v.required(t, at)) {
                continue;
            }
            if (v.text(t.name(), at + ".name", MAX_NAME)) {
                v.check(names.add(t.name().strip().toLowerCase(Locale.ROOT)), at + ".name", "is used by another seat type");
            }
            v.optionalText(t.description(), at + ".description", MAX_DESCRIPTION);
            price(t.price(), at + ".price", v);
            if (v.required(t.currency(), at + ".currency")) {
                if (v.check(isCurrency(t.currency()), at + ".currency", "must be an ISO 4217 currency code such as USD or EUR")) {
                    if (eventCurrency == null) {
                        eventCurrency = t.currency();
                    } else {
                        v.check(eventCurrency.equals(t.currency()), at + ".currency", "all seat types of an event use one currency");
                    }
                }
            }
            if (!v.required(t.reservedSeating(), at + ".reservedSeating")) {
                continue;
            }
            if (t.reservedSeating()) {
                v.check(t.quantity() == null, at + ".quantity", "is only for general admission; numbered seats come from sections");
                seats += sections(t.sections(), at, rowOwner, v);
            } else {
                v.check(t.sections() == null, at + ".sections", "is only for reserved seating");
                if (v.required(t.quantity(), at + ".quantity")) {
                    v.range(t.quantity(), at + ".quantity", 1, MAX_SEATS_PER_EVENT);
                    seats += Math.max(0, t.quantity());
                }
            }
        }
        v.check(seats <= MAX_SEATS_PER_EVENT, "seatTypes", "an event has at most " + MAX_SEATS_PER_EVENT + " seats; these seat types make " + seats);
        return v.hasErrors() ? 0 : (int) seats;
    }

    private static long sections(List<NewSection> sections, String at, Map<String, String> rowOwner, Validation v) {
        if (!v.required(sections, at + ".sections")
                || !v.check(!sections.isEmpty(), at + ".sections", "at least one section is required")
                || !v.check(sections.size() <= MAX_SECTIONS, at + ".sections", "at most " + MAX_SECTIONS + " sections")) {
            return 0;
        }
        long seats = 0;
        for (int s = 0; s < sections.size(); s++) {
            String sat = at + ".sections[" + s + "]";
            NewSection section = sections.get(s);
            if (!v.required(section, sat)) {
                continue;
            }
            boolean named = v.text(section.name(), sat + ".name", 50);
            if (!v.required(section.rows(), sat + ".rows")
                    || !v.check(!section.rows().isEmpty(), sat + ".rows", "at least one row is required")
                    || !v.check(section.rows().size() <= MAX_ROWS_PER_SECTION, sat + ".rows", "at most " + MAX_ROWS_PER_SECTION + " rows")) {
                continue;
            }
            for (int r = 0; r < section.rows().size(); r++) {
                String rat = sat + ".rows[" + r + "]";
                NewRow row = section.rows().get(r);
                if (!v.required(row, rat)) {
                    continue;
                }
                if (v.text(row.label(), rat + ".label", 20) && named) {
                    String key = section.name().strip().toLowerCase(Locale.ROOT) + "\u0000" + row.label().strip().toLowerCase(Locale.ROOT);
                    String owner = rowOwner.putIfAbsent(key, rat);
                    v.check(owner == null, rat + ".label", "row " + section.name() + "-" + row.label()
                            + " is defined twice (also at " + owner + "): seat labels must be unique");
                }
                if (v.required(row.seats(), rat + ".seats") && v.range(row.seats(), rat + ".seats", 1, MAX_SEATS_PER_ROW)) {
                    seats += row.seats();
                }
            }
        }
        return seats;
    }

    static BigDecimal price(String value, String field, Validation v) {
        if (!v.required(value, field)) {
            return null;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            v.fail(field, "must be a decimal amount such as \"70.00\"");
            return null;
        }
        boolean ok = v.check(price.signum() > 0, field, "must be positive")
                && v.check(price.scale() <= 2, field, "has at most two decimals")
                && v.check(price.compareTo(MAX_PRICE) <= 0, field, "must be at most " + MAX_PRICE);
        return ok ? price.setScale(2) : null;
    }

    static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }
}
