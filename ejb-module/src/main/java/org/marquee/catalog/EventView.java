package org.marquee.catalog;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.catalog.Category;
import org.marquee.domain.catalog.EventStatus;

/** An event as the API and console show it ({@code GET /api/v1/events/{id}}). */
public record EventView(
        UUID id,
        @Schema(example = "WC26-FINAL") String code,
        @Schema(example = "World Cup Final") String name,
        String description,
        Category category,
        EventStatus status,
        VenueView venue,
        List<PerformerView> performers,
        Instant startAt,
        Instant endAt,
        Instant saleStartAt,
        Instant saleEndAt,
        int holdTtlSeconds,
        int maxSeatsPerBooking,
        JsonObject additionalInfo,
        List<SeatTypeView> seatTypes) {

    public record VenueView(UUID id, String name, String city, String country, String address) {
    }

    public record PerformerView(UUID id, String name) {
    }

    /** Price is a decimal string beside its currency; counts satisfy available + held + sold = total. */
    public record SeatTypeView(UUID id, String name, @Schema(pattern = "^[0-9]+\\.[0-9]{2}$", example = "70.00", description = "decimal string") String price, @Schema(example = "USD") String currency, boolean reservedSeating,
                               int total, int available, int held, int sold) {
    }
}
