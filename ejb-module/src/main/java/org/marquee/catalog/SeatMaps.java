package org.marquee.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.marquee.outbox.Outbox;
import org.marquee.outbox.OutboxChange;

/**
 * An event's seat map in two parts, each rendered once and served ready ({@link ReadyView}): the
 * layout, which never changes once the event exists and may be cached by anyone for long, and the
 * statuses, two bits a seat, at most a second old. A stadium's map is then a few MB fetched once and a
 * few tens of KB a refresh, and a crowd watching one event costs one status read per second per node.
 */
@ApplicationScoped
public class SeatMaps {

    static final long STATUS_FRESH_MILLIS = 1000;
    static final long LAYOUT_FRESH_MILLIS = 600_000;
    private static final Jsonb JSON = JsonbBuilder.create();

    // @Inject, not @EJB: this bean may first be created by the seat stream's timer thread while the application
    // starts, and an @EJB field was then left null for good (seen on a second node); CDI resolves the session bean itself
    @Inject
    private SeatMapReader reader;

    /** Seat id -> place in seat-map order, of events whose seat stream is watched on this node. */
    private final Map<UUID, Map<UUID, Integer>> indexes = new ConcurrentHashMap<>();

    /** Layouts are large (a stadium's is a few MB): only the few events being sold are kept. */
    private final ReadyViews<UUID> layouts = new ReadyViews<>(32);
    private final ReadyViews<UUID> statuses = new ReadyViews<>(5_000);

    /** @throws org.marquee.error.MarqueeException NOT_FOUND for an unknown event */
    public ReadyView layout(UUID eventId) {
        return layouts.get(eventId, id -> ReadyView.of(JSON.toJson(reader.layout(id)), System.currentTimeMillis() + LAYOUT_FRESH_MILLIS));
    }

    /** @throws org.marquee.error.MarqueeException NOT_FOUND for an unknown event */
    public ReadyView statuses(UUID eventId) {
        return statuses.get(eventId, id -> ReadyView.of(JSON.toJson(statusView(id)), System.currentTimeMillis() + STATUS_FRESH_MILLIS));
    }

    /**
     * Where a seat is in its event's seat-map order (its place in the status string), for the seat stream,
     * or null for a seat that is not numbered. At most 32 events' indexes are kept.
     */
    public Integer placeOf(UUID eventId, UUID seatId) {
        Map<UUID, Integer> index = indexes.get(eventId);
        if (index == null) {
            if (indexes.size() >= 32) {
                indexes.clear();
            }
            index = indexes.computeIfAbsent(eventId, id -> {
                Map<UUID, Integer> places = new HashMap<>();
                reader.layout(id).seatTypes().forEach(t -> t.sections().forEach(s -> s.rows().forEach(r -> r.seats().forEach(
                        seat -> places.put(seat.id(), places.size())))));
                return places;
            });
        }
        return index.get(seatId);
    }

    /** The current status of these seats (what the seat stream sends). */
    public List<SeatMapReader.SeatState> states(List<UUID> seatIds) {
        return reader.states(seatIds);
    }

    /** The layout read now (the console draws it once per page). */
    public SeatLayout layoutOf(UUID eventId) {
        return reader.layout(eventId);
    }

    /** The statuses read now (what {@link #statuses} renders). */
    public SeatStatusView statusView(UUID eventId) {
        String letters = reader.statusLetters(eventId);
        int available = 0;
        int held = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c == 'A') {
                available++;
            } else if (c == 'H') {
                held++;
            }
        }
        return new SeatStatusView(eventId, letters.length(), available, held, letters.length() - available - held,
                SeatStatusCodes.pack(letters));
    }

    /** A cancelled or changed event: its map is read again at the next request. */
    public void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxChange change) {
        if (Outbox.EVENT.equals(change.aggregateType())) {
            layouts.remove(change.aggregateId());
            indexes.remove(change.aggregateId());
            statuses.remove(change.aggregateId());
        }
    }
}
