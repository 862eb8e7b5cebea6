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
public record HoldRequest(@Schema(required = true, format = "uuid") String eventId,
                          @Schema(type = SchemaType.ARRAY, implementation = UUID.class, maxItems = 50,
                                  description = "numbered seats to hold, all or nothing") List<String> seatIds,
                          @Schema(format = "uuid", description = "with quantity: places of this seat type") String seatTypeId,
                          @Schema(minimum = "1", maximum = "50", example = "2") Integer quantity) {
}
