package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.error.MarqueeException;
import org.marquee.onsale.WaitingRoomSettings;
import org.marquee.onsale.WaitingRoomView;
import org.marquee.onsale.WaitingRooms;

/** An event's waiting room, switched on or off by staff before or during a sale (the same service as PUT /events/{id}/waiting-room). */
@Named("room")
@ViewScoped
public class WaitingRoomPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EventCatalog catalog;
    @EJB
    private WaitingRooms rooms;

    private String id;
    private EventView event;
    private WaitingRoomView current;
    private boolean enabled;
    private Integer admitPerMinute = 600;
    private Integer shoppingWindowSeconds = 600;
    private Integer maxSeatsPerAccount;
    private Map<String, String> fieldErrors = Map.of();

    /** f:viewAction: the event of {@code ?id=} and its room as stored. */
    public void load() {
        if (event != null) {
            return;
        }
        event = SalePage.eventOf(catalog, id);
        if (event == null) {
            return;
        }
        current = rooms.settings(event.id()).orElse(null);
        if (current != null) {
            enabled = current.enabled();
            admitPerMinute = current.admitPerMinute();
            shoppingWindowSeconds = current.shoppingWindowSeconds();
            maxSeatsPerAccount = current.maxSeatsPerAccount();
        }
    }

    public void save() {
        fieldErrors = Map.of();
        try {
            current = rooms.configure(event.id(), new WaitingRoomSettings(enabled, admitPerMinute, shoppingWindowSeconds, maxSeatsPerAccount));
            Feedback.info(current.enabled() ? "The waiting room is on: holds for this event now need an admission." : "The waiting room is off.");
        } catch (MarqueeException e) {
            fieldErrors = Feedback.refused(e);
        }
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public EventView getEvent() { return event; }
    public WaitingRoomView getCurrent() { return current; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Integer getAdmitPerMinute() { return admitPerMinute; }
    public void setAdmitPerMinute(Integer admitPerMinute) { this.admitPerMinute = admitPerMinute; }
    public Integer getShoppingWindowSeconds() { return shoppingWindowSeconds; }
    public void setShoppingWindowSeconds(Integer shoppingWindowSeconds) { this.shoppingWindowSeconds = shoppingWindowSeconds; }
    public Integer getMaxSeatsPerAccount() { return maxSeatsPerAccount; }
    public void setMaxSeatsPerAccount(Integer maxSeatsPerAccount) { this.maxSeatsPerAccount = maxSeatsPerAccount; }
    public String error(String field) { return fieldErrors.getOrDefault(field, ""); }
}
