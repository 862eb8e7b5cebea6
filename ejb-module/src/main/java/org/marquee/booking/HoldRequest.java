package org.marquee.booking;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to hold seats ({@code POST /api/v1/bookings}): either {@code seatIds} (numbered seats, all or
 * nothing) or {@code seatTypeId} + {@code quantity} (best available / general admission). Ids are
 * strings so a malformed one is a field error, not a parse failure.
 */
@Schema(description = "Either seatIds (numbered seats, all or nothing) or seatTypeId with quantity (best available)")
public record HoldRequest(@Schema(required = true, format = "uuid", example = "0b7e7d5c-3f1e-4c8a-9a51-6f2d0c1e8a47") String eventId,
                          @Schema(type = SchemaType.ARRAY, implementation = UUID.class, maxItems = 50,
                                  description = "numbered seats to hold, all or nothing") List<String> seatIds,
                          @Schema(format = "uuid", example = "5d2f8a61-7c4b-4e0f-b3a9-2e6c1d9f7b30",
                                  description = "with quantity: places of this seat type") String seatTypeId,
                          @Schema(minimum = "1", maximum = "50", example = "2") Integer quantity) {
}
