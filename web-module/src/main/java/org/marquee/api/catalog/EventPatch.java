package org.marquee.api.catalog;

import jakarta.json.JsonObject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.catalog.Category;
import org.marquee.catalog.NewEvent;

/**
 * The members a merge patch of an event may have ({@code PATCH /api/v1/events/{id}}): the document's schema of
 * the request, and the list {@link EventMergePatch} accepts. Never bound: the patch is read member by member.
 */
@Schema(description = "A JSON merge patch (RFC 7396) of an event: an absent member is left alone, null removes an optional one, "
        + "venue and additionalInfo are merged into what the event has. id, code, status and seatTypes cannot be changed.")
public record EventPatch(
        @Schema(maxLength = 200) String name,
        @Schema(maxLength = 10000) String description,
        @Schema(implementation = Category.class) String category,
        VenuePatch venue,
        List<NewEvent.NewPerformer> performers,
        @Schema(format = "date-time") String startAt,
        @Schema(format = "date-time") String endAt,
        @Schema(format = "date-time") String saleStartAt,
        @Schema(format = "date-time", example = "2026-07-19T17:00:00Z") String saleEndAt,
        @Schema(minimum = "5", maximum = "3600") Integer holdTtlSeconds,
        @Schema(minimum = "1", maximum = "50") Integer maxSeatsPerBooking,
        JsonObject additionalInfo) {

    /** The venue members to change; the others keep the event's venue's. */
    public record VenuePatch(@Schema(maxLength = 200) String name, @Schema(maxLength = 200) String city,
                             @Schema(pattern = "^[A-Z]{2}$") String country, @Schema(maxLength = 500) String address) {
    }
}
