package org.marquee.error;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.Map;

/**
 * A failure the client caused or must know about, carrying its stable {@link ProblemCode}. Thrown by
 * services; the API turns it into problem+json. Rolls back the transaction it is thrown in.
 */
@ApplicationException(rollback = true)
public class MarqueeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Extension member (a number of seconds) that the API also sends as the {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ProblemCode code;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> extensions;

    public MarqueeException(ProblemCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public MarqueeException(ProblemCode code, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static MarqueeException notFound(String what, Object id) {
        return new MarqueeException(ProblemCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static MarqueeException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new MarqueeException(ProblemCode.VALIDATION_FAILED, detail, errors, Map.of());
    }

    public static MarqueeException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the problem document, e.g. {@code unavailableSeatIds}. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
