package org.marquee.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field error of a request before failing, so a client learns all that is wrong at
 * once. Used by services, so the API and the console give the same messages.
 */
public final class Validation {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

    private final List<FieldError> errors = new ArrayList<>();

    public Validation fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            fail(field, message);
        }
        return ok;
    }

    public boolean required(Object value, String field) {
        return check(value != null && !(value instanceof String s && s.isBlank()), field, "is required");
    }

    /** Required text, at most {@code max} characters, no control characters. */
    public boolean text(String value, String field, int max) {
        return required(value, field) && optionalText(value, field, max);
    }

    public boolean optionalText(String value, String field, int max) {
        if (value == null) {
            return true;
        }
        return check(value.length() <= max, field, "must be at most " + max + " characters")
                && check(!CONTROL.matcher(value).find(), field, "must not contain control characters");
    }

    public boolean range(Integer value, String field, int min, int max) {
        return value == null || check(value >= min && value <= max, field, "must be between " + min + " and " + max);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
    }
}
