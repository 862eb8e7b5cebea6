package org.marquee.catalog;

import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.catalog.Category;

/**
 * What a client sends to create an event ({@code POST /api/v1/events}). Only descriptive fields and limits: the
 * server owns ids, status and counts. Strings where a client could send nonsense (category, money,
 * times as ISO-8601 UTC) so that every mistake becomes a field-level validation error, not a parse failure.
 */
public record NewEvent(
        @Schema(required = true, maxLength = 200, example = "World Cup Final") String name,
        @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", example = "WC26-FINAL",
                description = "the organiser's own code, unique") String code,
        @Schema(maxLength = 10000) String description,
        @Schema(required = true, implementation = Category.class) String category,
        @Schema(required = true) NewVenue venue,
        @Schema(maxItems = 50) List<NewPerformer> performers,
        @Schema(required = true, format = "date-time", example = "2026-07-19T19:00:00Z") String startAt,
        @Schema(format = "date-time", example = "2026-07-19T22:00:00Z") String endAt,
        @Schema(required = true, format = "date-time", example = "2026-01-01T00:00:00Z") String saleStartAt,
        @Schema(required = true, format = "date-time", example = "2026-07-19T18:00:00Z",
                description = "the sale window lies before startAt") String saleEndAt,
        @Schema(minimum = "5", maximum = "3600", defaultValue = "600", description = "how long a hold lives") Integer holdTtlSeconds,
        @Schema(minimum = "1", maximum = "50", defaultValue = "8") Integer maxSeatsPerBooking,
        JsonObject additionalInfo,
        @Schema(required = true, minItems = 1, maxItems = 100) List<NewSeatType> seatTypes) {

    public record NewVenue(@Schema(required = true, maxLength = 200, example = "MetLife Stadium") String name,
                           @Schema(required = true, maxLength = 200, example = "East Rutherford") String city,
                           @Schema(required = true, pattern = "^[A-Z]{2}$", example = "US",
                                   description = "ISO 3166 two-letter country code") String country,
                           @Schema(maxLength = 500) String address) {
    }

    public record NewPerformer(@Schema(required = true, maxLength = 200, example = "Argentina") String name) {
    }

    /** Either {@code sections} (reservedSeating true) or {@code quantity} (general admission). */
    public record NewSeatType(@Schema(required = true, maxLength = 200, example = "Fan Zone") String name,
                              @Schema(maxLength = 10000) String description,
                              @Schema(required = true, pattern = "^[0-9]+(\\.[0-9]{1,2})?$", example = "70.00",
                                      description = "decimal string, at most two decimals") String price,
                              @Schema(required = true, pattern = "^[A-Z]{3}$", example = "USD", description = "ISO 4217") String currency,
                              @Schema(required = true, example = "false", description = "numbered seats (sections) or general admission (quantity)")
                              Boolean reservedSeating,
                              @Schema(description = "numbered seats: required when reservedSeating") List<NewSection> sections,
                              @Schema(minimum = "1", example = "5000", description = "general admission: required unless reservedSeating") Integer quantity) {
    }

    public record NewSection(@Schema(required = true, example = "101") String name, @Schema(required = true, minItems = 1) List<NewRow> rows) {
    }

    public record NewRow(@Schema(required = true, example = "A") String label, @Schema(required = true, minimum = "1", maximum = "1000", example = "20") Integer seats) {
    }
}
