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

/** The event list: upcoming events, or a search over all of them (the API's search), and cancelling one. */
@Named("events")
@ViewScoped
public class EventsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 50;

    @EJB
    private EventCatalog catalog;

    @EJB
    private EventSearch search;

    @EJB
    private BookingService bookings;

    private String q;
    private long total;
    private List<EventSummary> items = List.of();

    @PostConstruct
    void load() {
        find();
    }

    public void find() {
        try {
            if (q == null || q.isBlank()) {
                var page = catalog.upcoming(0, SHOWN);
                total = page.total();
                items = page.items();
            } else {
                var page = search.search(new SearchQuery(q, null, null, null, null, true, true, 0, SHOWN));
                total = page.total();
                items = page.items();
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
        find();
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

    public List<EventSummary> getItems() {
        return items;
    }
}
