package org.marquee.api.booking;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.api.ClientAddresses;
import org.marquee.api.IdempotentRequests;
import org.marquee.api.JsonRequests;
import org.marquee.api.ProblemMappers;
import org.marquee.api.ServletAnswers;
import org.marquee.console.ConsoleAuthentication;
import org.marquee.identity.Caller;
import org.marquee.domain.identity.Role;
import org.marquee.onsale.HoldGate;

/**
 * The two writes every buyer of a sale makes, taken before JAX-RS: a hold ({@code POST /api/v1/bookings})
 * and a confirm ({@code POST /api/v1/bookings/{id}/confirm}) with a JSON body of known length, from a
 * caller whose bearer token the authentication mechanism has verified and who may book, go straight to
 * {@link BookingIntake}, without the JAX-RS request pipeline, its CDI request scope or the security
 * context lookups (together most of a hold's CPU). A hold is answered asynchronously when its batch
 * commits. Anything else (another path, media type or Accept, a chunked or large body, no or a bad
 * token, a role that may not book) goes on to {@link BookingResource}, which gives the same answers,
 * errors included.
 */
// one pattern: it matches the collection itself too, and a second one would put the filter in the chain twice
@WebFilter(filterName = "BookingFilter", urlPatterns = BookingFilter.COLLECTION + "/*", asyncSupported = true)
public class BookingFilter extends HttpFilter {

    static final String COLLECTION = "/api/v1/bookings";
    private static final String CONFIRM = "/confirm";
    private static final int UUID_LENGTH = 36;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BookingFilter.class.getName());
    /** Larger bodies (up to the API's 1 MiB limit) take the resource's way, which reads them with that limit. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    @Inject
    private ConsoleAuthentication authentication;

    @Inject
    private BookingIntake intake;

    @Inject
    private ClientAddresses clientAddresses;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!JsonRequests.isPlainPost(request, MAX_BODY_BYTES) || !JsonRequests.isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        UUID confirming = path.equals(COLLECTION) ? null : confirmed(path);
        Caller caller = path.equals(COLLECTION) || confirming != null ? authentication.verifiedCaller(request) : null;
        if (caller == null || !mayBook(caller)) {
            chain.doFilter(request, response);
            return;
        }
        String body = JsonRequests.body(request);
        String key = request.getHeader(IdempotentRequests.HEADER);
        if (confirming != null) {
            Response answer;
            try {
                answer = intake.confirm(caller, confirming, key, body);
            } catch (RuntimeException refused) {
                answer = ProblemMappers.answerTo(refused);
            }
            ServletAnswers.write(answer, response);
            return;
        }
        AsyncContext async = request.startAsync();
        intake.hold(caller, clientAddresses.of(request), key, request.getHeader(HoldGate.ADMISSION_HEADER), body,
                request.getRequestURL().toString()).whenComplete((answer, failure) -> {
                    try {
                        ServletAnswers.write(failure == null ? answer : ProblemMappers.answerTo(failure), (HttpServletResponse) async.getResponse());
                    } catch (IOException | RuntimeException e) {
                        LOG.log(Level.FINE, "the answer of a hold could not be sent (the client went away?)", e);
                    } finally {
                        async.complete();
                    }
                });
    }

    /** The booking id of {@code /api/v1/bookings/{id}/confirm}, or null for any other path. */
    static UUID confirmed(String path) {
        int start = COLLECTION.length() + 1;
        if (path.length() != start + UUID_LENGTH + CONFIRM.length() || !path.startsWith(COLLECTION + "/") || !path.endsWith(CONFIRM)) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(start, start + UUID_LENGTH));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The roles {@link BookingResource} allows. */
    static boolean mayBook(Caller caller) {
        return caller.has(Role.CUSTOMER) || caller.has(Role.BOX_OFFICE) || caller.has(Role.ADMIN);
    }
}
