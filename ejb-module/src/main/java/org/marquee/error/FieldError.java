package org.marquee.error;

/** One invalid field of a request: its JSON path (e.g. {@code seatTypes[1].price}) and what is wrong. */
public record FieldError(String field, String message) {
}
