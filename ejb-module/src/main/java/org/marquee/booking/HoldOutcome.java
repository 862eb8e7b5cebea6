package org.marquee.booking;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.persistence.Columns;

/**
 * What {@code booking_hold_batch} (V17) answered for one request: HELD, REPLAY (the idempotency key
 * already has an answer), or a refusal, which {@link #refusal} turns into the API's problem.
 */
public enum HoldOutcome {
    HELD, REPLAY,
    NO_EVENT, CANCELLED, NOT_YET, CLOSED, TOO_MANY, LIVE_CAP, UNKNOWN_SEATS, GENERAL_ADMISSION, UNAVAILABLE, BUSY, NO_TYPE, SHORT;

    static HoldOutcome of(String outcome) {
        return Columns.enumValue(HoldOutcome.class, outcome, "booking_hold_batch's outcome");
    }

    /** The refusal this outcome means for a request on {@code eventId}; {@code detail} is the function's detail column. */
    public MarqueeException refusal(UUID eventId, String detail) {
        return switch (this) {
            case NO_EVENT -> MarqueeException.notFound("Event", eventId);
            case CANCELLED -> new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The event is cancelled");
            case NOT_YET -> new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The sale opens at " + Instant.parse(detail));
            case CLOSED -> new MarqueeException(ProblemCode.SALE_NOT_OPEN, "The sale closed at " + Instant.parse(detail));
            case TOO_MANY -> new MarqueeException(ProblemCode.LIMIT_EXCEEDED, "At most " + detail + " seats per booking for this event");
            case LIVE_CAP -> new MarqueeException(ProblemCode.LIMIT_EXCEEDED,
                    "You already hold seats for this event: pay for or cancel that booking first");
            case UNKNOWN_SEATS -> MarqueeException.invalid("seatIds", "not seats of this event: " + detail.replace(",", ", "));
            case GENERAL_ADMISSION -> MarqueeException.invalid("seatIds",
                    "general-admission places are booked by seatTypeId and quantity: " + detail.replace(",", ", "));
            case UNAVAILABLE -> seatsUnavailable(Arrays.stream(detail.split(",")).map(UUID::fromString).toList());
            case BUSY -> busy();
            case NO_TYPE -> MarqueeException.invalid("seatTypeId", "not a seat type of this event");
            case SHORT -> {
                int free = Integer.parseInt(detail);
                yield new MarqueeException(ProblemCode.SEATS_UNAVAILABLE,
                        free == 0 ? "Sold out" : "Only " + free + " seats of this type are free right now", List.of(), Map.of("available", free));
            }
            case HELD, REPLAY -> throw new IllegalStateException(this + " is not a refusal");
        };
    }

    static MarqueeException seatsUnavailable(List<UUID> seatIds) {
        return new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, seatIds.size() + " of the chosen seats are not available",
                List.of(), Map.of("unavailableSeatIds", seatIds));
    }

    /** Seats locked by another transaction right now (or a lock wait that timed out): 409, retry. */
    static MarqueeException busy() {
        return new MarqueeException(ProblemCode.SEATS_UNAVAILABLE, "These seats are being booked by someone else right now; retry");
    }
}
