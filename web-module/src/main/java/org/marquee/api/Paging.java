package org.marquee.api;

import java.util.ArrayList;
import java.util.List;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;

/** Page and size of a list request: page from 0, size 1-100 (default 20); anything else is 400. */
public record Paging(int page, int size) {

    public static final int MAX_PAGE = 10_000;
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static Paging of(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        int p = parse(page, 0, "page", 0, MAX_PAGE, errors);
        int s = parse(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
        return new Paging(p, s);
    }

    private static int parse(String value, int fallback, String field, int min, int max, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
        return fallback;
    }
}
