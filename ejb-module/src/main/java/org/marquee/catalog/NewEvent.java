package org.marquee.catalog;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * What a client sends to create an event ({@code POST /api/v1/events}). Only descriptive fields and limits: the
 * server owns ids, status and counts. Strings where a client could send nonsense (category, money,
 * times as ISO-8601 UTC) so that every mistake becomes a field-level validation error, not a parse failure.
 */
public record NewEvent(
        String name,
        String code,
        String description,
        String category,
        NewVenue venue,
        List<NewPerformer> performers,
        String startAt,
        String endAt,
        String saleStartAt,
        String saleEndAt,
        Integer holdTtlSeconds,
        Integer maxSeatsPerBooking,
        JsonObject additionalInfo,
        List<NewSeatType> seatTypes) {

    public record NewVenue(String name, String city, String country, String address) {
    }

    public record NewPerformer(String name) {
    }

    /** Either {@code sections} (reservedSeating true) or {@code quantity} (general admission). */
    public record NewSeatType(String name, String description, String price, String currency, Boolean reservedSeating,
                              List<NewSection> sections, Integer quantity) {
    }

    public record NewSection(String name, List<NewRow> rows) {
    }

    public record NewRow(String label, Integer seats) {
    }
}
