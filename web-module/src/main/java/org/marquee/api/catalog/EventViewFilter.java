package org.marquee.api.catalog;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.marquee.catalog.EventViews;
import org.marquee.catalog.ReadyView;
import org.marquee.error.MarqueeException;

/**
 * The event page's fast path: {@code GET /api/v1/events/{id}} answered from the node's ready view before
 * JAX-RS, CDI request scope or JSON-B see the request. The event page is the hottest read of an on-sale
 * (every fan reloads it) and public, so it needs nothing those layers give. Everything else under
 * /events — other methods, other paths, an id that is not a UUID, an unknown event — goes on to the
 * JAX-RS resource, which answers it (errors included) as before, from the same ready view.
 */
@WebFilter(filterName = "EventViewFilter", urlPatterns = "/api/v1/events/*", asyncSupported = true)
public class EventViewFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "/api/v1/events/";
    private static final int UUID_LENGTH = 36;

    @Inject
    private EventViews views;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        UUID id = "GET".equals(request.getMethod()) ? eventId(request) : null;
        if (id != null) {
            ReadyView view;
            try {
                view = views.ready(id);
            } catch (MarqueeException e) {
                view = null;   // not found: the resource answers with its problem+json
            }
            if (view != null) {
                ReadyViewWriter.write(view, EventResource.VIEW_CACHING, request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The event id of exactly {@code /api/v1/events/{uuid}}, or null. */
    static UUID eventId(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length() + PREFIX.length();
        if (uri.length() != start + UUID_LENGTH || !uri.startsWith(PREFIX, request.getContextPath().length())) {
            return null;
        }
        try {
            return UUID.fromString(uri.substring(start));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
