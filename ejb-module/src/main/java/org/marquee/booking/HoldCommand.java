package org.marquee.booking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.idempotency.IdempotencyStore;

/**
 * A validated hold request, ready for a batch: either {@code seatIds} (distinct, in the order given) or
 * {@code seatTypeId} and {@code quantity}. {@code key} is the request's idempotency key, or null.
 */
public record HoldCommand(UUID customerId, UUID eventId, List<UUID> seatIds, UUID seatTypeId, int quantity,
                          IdempotencyStore.Key key) {

    static final int MAX_SEATS_PER_REQUEST = 50;

    public boolean chosenSeats() {
        return seatIds != null;
    }

    /** How many seats the request is for. */
    public int seats() {
        return seatIds != null ? seatIds.size() : quantity;
    }

    /**
     * Validates a request as the API received it.
     *
     * @throws MarqueeException VALIDATION_FAILED, listing every field error
     */
    public static HoldCommand of(UUID customerId, HoldRequest request, IdempotencyStore.Key key) {
        List<FieldError> errors = new ArrayList<>();
        UUID eventId = id(request == null ? null : request.eventId(), "eventId", errors);
        List<UUID> seatIds = null;
        UUID seatTypeId = null;
        int quantity = 0;
        if (request != null && request.seatIds() != null) {
            if (request.seatTypeId() != null || request.quantity() != null) {
                errors.add(new FieldError("seatIds", "send either seatIds or seatTypeId and quantity, not both"));
            } else if (request.seatIds().isEmpty() || request.seatIds().size() > MAX_SEATS_PER_REQUEST) {
                errors.add(new FieldError("seatIds", "must list 1 to " + MAX_SEATS_PER_REQUEST + " seats"));
            } else {
                Set<UUID> distinct = new LinkedHashSet<>();
                for (int i = 0; i < request.seatIds().size(); i++) {
                    UUID seat = id(request.seatIds().get(i), "seatIds[" + i + "]", errors);
                    if (seat != null && !distinct.add(seat)) {
                        errors.add(new FieldError("seatIds[" + i + "]", "is listed twice"));
                    }
                }
                seatIds = List.copyOf(distinct);
            }
        } else if (request != null) {
            seatTypeId = id(request.seatTypeId(), "seatTypeId", errors);
            if (request.quantity() == null) {
                errors.add(new FieldError("quantity", "is required with seatTypeId (or send seatIds)"));
            } else if (request.quantity() < 1 || request.quantity() > MAX_SEATS_PER_REQUEST) {
                errors.add(new FieldError("quantity", "must be between 1 and " + MAX_SEATS_PER_REQUEST));
            } else {
                quantity = request.quantity();
            }
        }
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
        return new HoldCommand(customerId, eventId, seatIds, seatTypeId, quantity, key);
    }

    private static UUID id(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a UUID"));
        return null;
    }
}
