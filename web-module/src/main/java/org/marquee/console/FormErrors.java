package org.marquee.console;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;

/**
 * The mistakes of a form as it was last sent, one message per field of the page, in that field's own
 * words ("Rows per section must be a whole number, such as 2"). A page keeps one, clears it at every
 * save, fills it from what it could not read itself and from the service's refusal, and marks the
 * fields with it ({@code aria-invalid}, the message beside the field, {@code aria-describedby}); the
 * message at the top names the fields to correct.
 */
public final class FormErrors implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the page calls a field of the form, by its key. */
    public interface Labels extends Serializable {
        /** The label of the field, or null if the page shows no such field. */
        String of(String field);
    }

    private final Labels labels;
    private final Map<String, String> byField = new LinkedHashMap<>();

    FormErrors(Labels labels) {
        this.labels = labels;
    }

    void clear() {
        byField.clear();
    }

    /** A message for a field; {@code message} continues the field's label ("must be positive"). */
    void add(String field, String message) {
        byField.merge(field, message, (a, b) -> a.equals(b) ? a : a + "; " + b);
    }

    /**
     * What the user typed as a whole number: null if blank (a message if required), or a message if it is not one.
     * Never a framework message: the field's text is read here, not by a converter.
     */
    Integer wholeNumber(String field, String typed, boolean required) {
        if (typed == null || typed.isBlank()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        try {
            return Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            add(field, typed.strip().matches("-?\\d+") ? "is far too large" : "must be a whole number, such as 2");
            return null;
        }
    }

    /**
     * The service's refusal placed on the page: each field error goes to the page's field that
     * {@code toField} names for its path (null: shown at the top); then the top message.
     */
    void refused(MarqueeException e, UnaryOperator<String> toField, UnaryOperator<String> inWords) {
        List<FieldError> errors = e.errors();
        if (errors.isEmpty()) {
            Feedback.error(e.getMessage());
            return;
        }
        for (FieldError f : errors) {
            String field = toField.apply(f.field());
            if (field == null || labels.of(field) == null) {
                Feedback.error(f.field() + " " + inWords.apply(f.message()));
            } else {
                add(field, inWords.apply(f.message()));
            }
        }
        announce();
    }

    /** The message at the top: which fields to correct, by their labels. Nothing if there is no mistake. */
    void announce() {
        if (!byField.isEmpty()) {
            Feedback.error("Please correct " + String.join(", ", byField.keySet().stream().map(labels::of).distinct().toList()) + ".");
        }
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** The field's message in its own words ("Price must be positive"), or an empty string. */
    public String message(String field) {
        String message = byField.get(field);
        return message == null ? "" : labels.of(field) + " " + message;
    }

    /** For aria-invalid. */
    public boolean invalid(String field) {
        return byField.containsKey(field);
    }
}
