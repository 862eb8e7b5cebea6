package org.marquee.api;

import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/** Every exception that can leave a resource becomes problem+json; nothing leaks a stack trace. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class MarqueeExceptionMapper implements ExceptionMapper<MarqueeException> {
        @Override
        public Response toResponse(MarqueeException e) {
            return Problem.response(e.code(), e.getMessage(), e.errors(), e.extensions());
        }
    }

    /** Malformed JSON and values of the wrong type: the body could not be read. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return unreadableBody(e);
        }
    }

    @Provider
    public static class JsonExceptionMapper implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return unreadableBody(e);
        }
    }

    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return unreadableBody(e);
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return Problem.response(ProblemCode.NOT_FOUND, "No resource at this path");
            }
            if (e instanceof NotAllowedException) {
                return withStatus(status, ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed on this resource", e);
            }
            if (e instanceof NotSupportedException) {
                return Problem.response(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json");
            }
            if (e instanceof NotAcceptableException) {
                return Problem.response(ProblemCode.NOT_ACCEPTABLE, "This resource produces application/json");
            }
            if (e instanceof NotAuthorizedException) {
                return withStatus(status, ProblemCode.UNAUTHENTICATED, "Authentication is required", e);
            }
            if (status == 403) {
                return Problem.response(ProblemCode.FORBIDDEN, "Your role does not allow this");
            }
            if (status == 400) {
                return unreadableBody(e);
            }
            if (status == 413) {
                return Problem.response(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB");
            }
            if (status >= 500) {
                return internal(e);
            }
            return withStatus(status, ProblemCode.CONFLICT.status() == status ? ProblemCode.CONFLICT : ProblemCode.VALIDATION_FAILED,
                    e.getMessage(), e);
        }

        private static Response withStatus(int status, ProblemCode code, String detail, WebApplicationException e) {
            Response.ResponseBuilder b = Response.status(status).type(Problem.PROBLEM_JSON)
                    .entity(Problem.body(status, code, detail, List.of(), Map.of()));
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase(Problem.WWW_AUTHENTICATE)) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            if (status == 401 && e.getResponse().getHeaderString(Problem.WWW_AUTHENTICATE) == null) {
                b.header(Problem.WWW_AUTHENTICATE, Problem.BEARER_CHALLENGE);
            }
            return b.build();
        }
    }

    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            boolean lockFailed = false;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MarqueeException m) {
                    return new MarqueeExceptionMapper().toResponse(m);
                }
                lockFailed |= cause instanceof OptimisticLockException || cause instanceof PessimisticLockException;
            }
            // a lost connection surfaces as a lock or persistence failure too: it is an outage, not a conflict
            if (DatabaseOutage.causedBy(e)) {
                return DatabaseOutage.response();
            }
            if (lockFailed) {
                return Problem.response(ProblemCode.CONFLICT, "The resource was changed concurrently; retry");
            }
            return internal(e);
        }
    }

    @Provider
    public static class FallbackMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (DatabaseOutage.causedBy(e)) {
                return DatabaseOutage.response();
            }
            return internal(e);
        }
    }

    /**
     * The answer to a failure raised outside JAX-RS (the servlet-level fast paths): the same problem the
     * mappers above give for it.
     */
    public static Response answerTo(Throwable e) {
        if (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof MarqueeException m) {
            return new MarqueeExceptionMapper().toResponse(m);
        }
        if (e instanceof JsonbException || e instanceof JsonException) {
            return unreadableBody(e);
        }
        if (e instanceof EJBException ejb) {
            return new EjbExceptionMapper().toResponse(ejb);
        }
        return new FallbackMapper().toResponse(e);
    }

    static Response unreadableBody(Throwable e) {
        return Problem.response(ProblemCode.VALIDATION_FAILED,
                "The request body is not valid JSON for this resource, or a value has the wrong type");
    }

    static Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return Problem.response(ProblemCode.INTERNAL_ERROR, "Unexpected failure; incident " + incident);
    }
}
