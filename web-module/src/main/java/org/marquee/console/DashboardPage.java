package org.marquee.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.marquee.booking.SalesReport;
import org.marquee.booking.SalesReport.DaySales;
import org.marquee.booking.SalesReport.EventSales;

/**
 * Per event: places sold, held and available, revenue and refunds apart; totals per currency (never one
 * sum of several currencies); and the chosen event's last 14 days as a bar chart (SVG) with axes: places
 * sold per day beside places refunded per day.
 */
@Named("dashboard")
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int DAYS = 14;
    /** The chart's drawing: the plot's height, the room left of it for the places axis, and a day's width. */
    static final int PLOT_HEIGHT = 140;
    static final int PLOT_TOP = 12;
    static final int AXIS_LEFT = 44;
    static final int DAY_WIDTH = 48;

    @EJB
    private SalesReport report;

    private List<EventSales> events = List.of();
    private List<CurrencyTotal> totals = List.of();
    private EventSales chosen;
    private List<DaySales> days = List.of();
    private int scaleTop;

    /** What the listed events took and gave back in one currency. */
    public record CurrencyTotal(String currency, int sold, BigDecimal revenue, BigDecimal refunded) implements Serializable {
    }

    /** A mark of the places axis: the value and its height in the drawing. */
    public record Tick(int places, int y) implements Serializable {
    }

    @PostConstruct
    void load() {
        events = report.upcoming(100);
        totals = totalsOf(events);
        if (!events.isEmpty()) {
            choose(events.get(0).eventId());
        }
    }

    public void refresh() {
        UUID current = chosen == null ? null : chosen.eventId();
        events = report.upcoming(100);
        totals = totalsOf(events);
        if (current != null) {
            choose(current);
        }
    }

    public void choose(UUID eventId) {
        chosen = events.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElse(null);
        days = chosen == null ? List.of() : report.byDay(eventId, DAYS);
        int most = days.stream().mapToInt(d -> Math.max(d.placesSold(), d.placesRefunded())).max().orElse(0);
        scaleTop = niceTop(most);
    }

    static List<CurrencyTotal> totalsOf(List<EventSales> events) {
        Map<String, CurrencyTotal> byCurrency = new TreeMap<>();
        for (EventSales e : events) {
            String currency = e.currency() == null ? "" : e.currency();
            byCurrency.merge(currency, new CurrencyTotal(currency, e.sold(), e.revenue(), e.refunded()),
                    (a, b) -> new CurrencyTotal(currency, a.sold() + b.sold(), a.revenue().add(b.revenue()), a.refunded().add(b.refunded())));
        }
        return new ArrayList<>(byCurrency.values());
    }

    /** The top of the places axis: 4 or more, and a round number (1, 2 or 5 times a power of ten, times 4) at or above the busiest day. */
    static int niceTop(int most) {
        for (int magnitude = 1; ; magnitude *= 10) {
            for (int step : new int[] {magnitude, 2 * magnitude, 5 * magnitude}) {
                if (step * 4 >= most) {
                    return step * 4;
                }
            }
        }
    }

    /** Bar height in the drawing for a number of places. */
    public int barHeight(int places) {
        return places == 0 ? 0 : Math.max(1, places * PLOT_HEIGHT / scaleTop);
    }

    /** Where a bar of that many places starts (the drawing's y grows downwards). */
    public int barTop(int places) {
        return getAxisY() - barHeight(places);
    }

    /** Five marks on the places axis: 0, a quarter of the top, …, the top. */
    public List<Tick> getTicks() {
        return IntStream.rangeClosed(0, 4).mapToObj(i -> new Tick(scaleTop * i / 4, getAxisY() - PLOT_HEIGHT * i / 4)).toList();
    }

    /** Where day {@code index} (0 = the oldest) begins. */
    public int dayX(int index) {
        return AXIS_LEFT + 6 + index * DAY_WIDTH;
    }

    public int getAxisY() { return PLOT_TOP + PLOT_HEIGHT; }
    public int getAxisLeft() { return AXIS_LEFT; }
    public int getChartWidth() { return dayX(DAYS) + 4; }
    public int getChartHeight() { return getAxisY() + 44; }
    public int getPlotTop() { return PLOT_TOP; }
    public List<EventSales> getEvents() { return events; }
    public List<CurrencyTotal> getTotals() { return totals; }
    public EventSales getChosen() { return chosen; }
    public List<DaySales> getDays() { return days; }
}
