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
import org.marquee.api.Paging;
import org.marquee.api.search.SearchPages;
import org.marquee.api.search.SearchResource;
import org.marquee.catalog.ReadyView;
import org.marquee.catalog.EventViews;
import org.marquee.catalog.SeatMaps;
import org.marquee.error.MarqueeException;

/**
 * The fast path of an on-sale's hottest public reads: {@code GET /api/v1/events/{id}}, its
 * {@code /seats/status} and {@code /seats/layout}, and the list of upcoming events, answered from the node's ready answers before JAX-RS,
 * CDI request scope or JSON-B see the request. Every fan reloads these and they are public, so they need
 * nothing those layers give. Everything else under /events (other methods, other paths, an id that is
 * not a UUID, an unknown event) goes on to the JAX-RS resources, which answer it (errors included) from
 * the same ready answers.
 */
@WebFilter(filterName = "EventViewFilter", urlPatterns = "/api/v1/events/*", asyncSupported = true)
public class EventViewFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String LIST = "/api/v1/events";
    private static final String PREFIX = LIST + "/";
    private static final int UUID_LENGTH = 36;
    static final String STATUS = "/seats/status";
    static final String LAYOUT = "/seats/layout";
    private static final String SEARCH = PREFIX + "search";

    @Inject
    private EventViews views;

    @Inject
    private SeatMaps seatMaps;

    @Inject
    private SearchPages searchPages;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if ("GET".equals(request.getMethod())) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals(LIST)) {
                Paging paging;
                try {
                    paging = Paging.of(request.getParameter("page"), request.getParameter("size"));
                } catch (MarqueeException e) {
                    paging = null;   // the resource answers 400 with the fields
                }
                if (paging != null) {
                    ReadyViewWriter.write(views.readyList(paging.page(), paging.size()), EventResource.LIST_CACHING, request, response);
                    return;
                }
            }
            if (path.equals(SEARCH)) {
                // a repeat of a recent search; anything else (a new query, a bad parameter) goes to SearchResource
                ReadyView page = searchPages.fresh(request.getQueryString());
                if (page != null) {
                    ReadyViewWriter.write(page, SearchResource.CACHE_CONTROL, request, response);
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
            UUID id = eventId(path);
            if (id != null) {
                String rest = path.substring(PREFIX.length() + UUID_LENGTH);
                try {
                    if (rest.isEmpty()) {
                        ReadyViewWriter.write(views.ready(id), EventResource.VIEW_CACHING, request, response);
                        return;
                    }
                    if (rest.equals(STATUS)) {
                        ReadyViewWriter.write(seatMaps.statuses(id), EventResource.SEAT_STATUS_CACHING, request, response);
                        return;
                    }
                    if (rest.equals(LAYOUT)) {
                        ReadyViewWriter.write(seatMaps.layout(id), EventResource.SEAT_LAYOUT_CACHING, request, response);
                        return;
                    }
                } catch (MarqueeException e) {
                    // an unknown event: the resource answers with its problem+json
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** The event id that {@code path} (below the context) starts with after /api/v1/events/, or null. */
    static UUID eventId(String path) {
        if (path.length() < PREFIX.length() + UUID_LENGTH || !path.startsWith(PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
