package org.marquee.api.onsale;

import jakarta.ejb.EJB;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.marquee.error.MarqueeException;
import org.marquee.onsale.QueueTicketView;
import org.marquee.onsale.WaitingRooms;

/**
 * The queue poll's fast path: {@code GET /api/v1/queue/{ticket}} answered before JAX-RS. A waiting room
 * exists to absorb a crowd that polls, so its poll costs what the answer needs and nothing more: the
 * ticket is looked up in the node's memory ({@link WaitingRooms#ticket}) and written as JSON. Other
 * paths, and a ticket that is not known, go on to the JAX-RS resource, which answers them as before.
 */
@WebFilter(filterName = "QueuePollFilter", urlPatterns = "/api/v1/queue/*", asyncSupported = true)
public class QueuePollFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "/api/v1/queue/";
    private static final int UUID_LENGTH = 36;
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private WaitingRooms rooms;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        UUID ticket = "GET".equals(request.getMethod()) ? ticketId(request.getRequestURI().substring(request.getContextPath().length())) : null;
        if (ticket != null) {
            QueueTicketView view;
            try {
                view = rooms.ticket(ticket);
            } catch (MarqueeException e) {
                view = null;   // unknown ticket: the resource answers with its problem+json
            }
            if (view != null) {
                write(view, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static void write(QueueTicketView view, HttpServletResponse response) throws IOException {
        byte[] body = JSON.toJson(view).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", QueueResource.cacheControl(view));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static UUID ticketId(String path) {
        if (path.length() != PREFIX.length() + UUID_LENGTH || !path.startsWith(PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
