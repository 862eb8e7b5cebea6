package org.marquee.api.search;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import org.marquee.catalog.ReadyView;
import org.marquee.search.SearchIndex;

/**
 * Search answers rendered once and served as they are, by the request's exact query string: a repeat of a
 * popular search costs what an event page costs (a lookup and a write, before JAX-RS; see
 * {@code EventViewFilter}), not a search. A page is served for at most {@link #FRESH_MILLIS} (the
 * availability it shows is at most that old, as on the event page) and only while the node's index is at
 * the version the page was searched at. At most {@link #CAPACITY} pages are kept: past it, stale ones are
 * dropped, then all.
 */
@ApplicationScoped
public class SearchPages {

    static final long FRESH_MILLIS = 1000;
    static final int CAPACITY = 2_000;

    private record Page(long version, ReadyView view) {
    }

    private final ConcurrentHashMap<String, Page> pages = new ConcurrentHashMap<>();

    @EJB
    private SearchIndex index;

    /** The index version to render a page at: read before searching, so a change made meanwhile makes the page stale. */
    public long version() {
        return index.version();
    }

    /** The fresh rendered page of this query string, or null. */
    public ReadyView fresh(String queryString) {
        Page page = pages.get(queryString == null ? "" : queryString);
        if (page == null || !page.view().freshAt(System.currentTimeMillis()) || page.version() != index.version()) {
            return null;
        }
        return page.view();
    }

    /** Renders a page searched at {@code version} and keeps it for the next requests of the same query string. */
    public ReadyView keep(String queryString, long version, String json) {
        long now = System.currentTimeMillis();
        ReadyView view = ReadyView.of(json, now + FRESH_MILLIS);
        if (pages.size() >= CAPACITY) {
            pages.values().removeIf(p -> !p.view().freshAt(now));
            if (pages.size() >= CAPACITY) {
                pages.clear();
            }
        }
        pages.put(queryString == null ? "" : queryString, new Page(version, view));
        return view;
    }
}
