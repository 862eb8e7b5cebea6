package org.marquee.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.BookingService;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventSummary;
import org.marquee.error.MarqueeException;
import org.marquee.search.EventSearch;
import org.marquee.search.SearchQuery;

/** The event list: upcoming events, or a search over all of them (the API's search), 50 to a page, and cancelling one. */
@Named("events")
@ViewScoped
public class EventsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    @EJB
    private EventCatalog catalog;

    @EJB
    private EventSearch search;

    @EJB
    private BookingService bookings;

    private String q;
    /** The page shown, from 0. */
    private int page;
    private long total;
    private List<EventSummary> items = List.of();

    @PostConstruct
    void load() {
        find();
    }

    /** A new search (or the upcoming events): from its first page. */
    public void find() {
        page = 0;
        show();
    }

    public void next() {
        if (isHasNext()) {
            page++;
        }
        show();
    }

    public void previous() {
        page = Math.max(0, page - 1);
        show();
    }

    private void show() {
        try {
            if (q == null || q.isBlank()) {
                var found = catalog.upcoming(page, PAGE_SIZE);
                total = found.total();
                items = found.items();
            } else {
                var found = search.search(new SearchQuery(q, null, null, null, null, true, true, page, PAGE_SIZE));
                total = found.total();
                items = found.items();
            }
        } catch (MarqueeException e) {
            Feedback.refused(e);
            items = List.of();
        }
    }

    public void cancel(UUID id) {
        try {
            var event = bookings.cancelEvent(id);
            Feedback.info("Event \"" + event.name() + "\" is cancelled.");
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
        show();
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public long getTotal() {
        return total;
    }

    /** The position of the first event shown, from 1 (0 if none). */
    public long getFirst() {
        return items.isEmpty() ? 0 : (long) page * PAGE_SIZE + 1;
    }

    public long getLast() {
        return (long) page * PAGE_SIZE + items.size();
    }

    public boolean isHasNext() {
        return (long) (page + 1) * PAGE_SIZE < total;
    }

    public boolean isHasPrevious() {
        return page > 0;
    }

    public List<EventSummary> getItems() {
        return items;
    }
}
