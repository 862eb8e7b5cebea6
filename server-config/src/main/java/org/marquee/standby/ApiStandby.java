package org.marquee.standby;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code /api/*} of a Payara domain while Marquee is not running on it: not deployed, disabled,
 * being redeployed, or still loading after a start. bin/marquee puts this class in the domain's
 * {@code lib/} and maps it in the domain's {@code default-web.xml}, so the server's default web module
 * has it whenever no application holds the root context. Clients and balancers get a 503 problem+json
 * with Retry-After, as when the database is away, instead of the server's HTML 404 page.
 *
 * <p>{@code default-web.xml} applies to every web module, Marquee's included. There, only {@code /api}
 * paths that no Marquee resource claims reach this servlet; they are Marquee's own 404, answered by its
 * error page. In any other application of the domain, the same: a 404. Such an application cannot map
 * {@code /api/*} itself (a JAX-RS {@code @ApplicationPath("/api")} registered at run time loses the pattern
 * to this servlet); the bench's baseline therefore lives under {@code /floor}.
 */
public class ApiStandby extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Seconds a client should wait before trying again: about what a start of the application takes. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** The servlet by which Marquee's web module answers the container's errors (web-module's ContainerErrors). */
    private static final String MARQUEE_ERROR_SERVLET = "ContainerErrors";

    static final String BODY = "{\"type\":\"https://marquee.dev/problems/unavailable\",\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"Marquee is not running on this server right now (it is starting, stopping or being redeployed). "
            + "Try again in a few seconds; a request with an Idempotency-Key may be sent again with the same key.\","
            + "\"code\":\"UNAVAILABLE\"}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getContextPath().isEmpty() || getServletContext().getServletRegistration(MARQUEE_ERROR_SERVLET) != null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
    }
}
