package org.marquee.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.SalesReport;
import org.marquee.booking.SalesReport.DaySales;
import org.marquee.booking.SalesReport.EventSales;

/** Per event: places sold, held and available, revenue; and the chosen event's sales over the last 14 days as a bar chart (SVG). */
@Named("dashboard")
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int DAYS = 14;
    static final int CHART_HEIGHT = 120;

    @EJB
    private SalesReport report;

    private List<EventSales> events = List.of();
    private EventSales chosen;
    private List<DaySales> days = List.of();

    @PostConstruct
    void load() {
        events = report.upcoming(100);
        if (!events.isEmpty()) {
            choose(events.get(0).eventId());
        }
    }

    public void refresh() {
        UUID current = chosen == null ? null : chosen.eventId();
        events = report.upcoming(100);
        if (current != null) {
            choose(current);
        }
    }

    public void choose(UUID eventId) {
        chosen = events.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElse(null);
        days = chosen == null ? List.of() : report.byDay(eventId, DAYS);
    }

    /** Bar height in pixels for a day, scaled to the busiest day. */
    public int barHeight(DaySales day) {
        int most = days.stream().mapToInt(DaySales::places).max().orElse(0);
        return most == 0 ? 0 : Math.max(1, day.places() * (CHART_HEIGHT - 20) / most);
    }

    public List<EventSales> getEvents() { return events; }
    public EventSales getChosen() { return chosen; }
    public List<DaySales> getDays() { return days; }
    public int getChartHeight() { return CHART_HEIGHT; }
}
