package org.marquee.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * Builds RFC 9457 problem documents: {type, title, status, detail, code} plus {@code errors} for
 * validation and any extension members. The one place an error response is shaped.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://marquee.dev/problems/";
    /** Every 401 names the scheme it wants (RFC 9110 §11.6.1, RFC 6750 §3). */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String BEARER_CHALLENGE = "Bearer realm=\"marquee\"";

    private Problem() {
    }

    public static Response response(ProblemCode code, String detail) {
        return response(code, detail, List.of(), Map.of());
    }

    public static Response response(ProblemCode code, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        Response.ResponseBuilder r = Response.status(code.status()).type(PROBLEM_JSON)
                .entity(body(code.status(), code, detail, errors, extensions));
        if (code.status() == 401) {
            r.header(WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        if (extensions.get(MarqueeException.RETRY_AFTER_SECONDS) instanceof Number seconds) {
            r.header("Retry-After", seconds.longValue());
        }
        return r.build();
    }

    /** For responses whose HTTP status differs from the code's usual one (e.g. a JAX-RS 405 as METHOD_NOT_ALLOWED). */
    public static String body(int status, ProblemCode code, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", TYPE_BASE + code.name().toLowerCase().replace('_', '-'))
                .add("title", code.title())
                .add("status", status)
                .add("detail", detail == null ? code.title() : detail)
                .add("code", code.name());
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            errors.forEach(e -> list.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            json.add("errors", list);
        }
        extensions.forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                JsonArrayBuilder list = Json.createArrayBuilder();
                values.forEach(item -> list.add(String.valueOf(item)));
                json.add(name, list);
            } else if (value instanceof Number n) {
                json.add(name, n.longValue());
            } else {
                json.add(name, String.valueOf(value));
            }
        });
        return json.build().toString();
    }
}
