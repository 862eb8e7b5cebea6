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
    private String admitPerMinute = "600";
    private String shoppingWindowSeconds = "600";
    private String maxSeatsPerAccount;
    private final FormErrors errors = new FormErrors(LABELS::get);

    private static final Map<String, String> LABELS = Map.of("enabled", "Waiting room on", "admitPerMinute", "Buyers admitted per minute",
            "shoppingWindowSeconds", "Shopping window", "maxSeatsPerAccount", "Seats per account");

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
            admitPerMinute = String.valueOf(current.admitPerMinute());
            shoppingWindowSeconds = String.valueOf(current.shoppingWindowSeconds());
            maxSeatsPerAccount = current.maxSeatsPerAccount() == null ? null : String.valueOf(current.maxSeatsPerAccount());
        }
    }

    /** Stores the settings; what is not a number is said beside its field, never dropped. */
    public void save() {
        errors.clear();
        Integer rate = errors.wholeNumber("admitPerMinute", admitPerMinute, true);
        Integer window = errors.wholeNumber("shoppingWindowSeconds", shoppingWindowSeconds, true);
        Integer cap = errors.wholeNumber("maxSeatsPerAccount", maxSeatsPerAccount, false);
        if (!errors.isEmpty()) {
            errors.announce();
            return;
        }
        try {
            current = rooms.configure(event.id(), new WaitingRoomSettings(enabled, rate, window, cap));
            Feedback.info(current.enabled() ? "The waiting room is on: holds for this event now need an admission." : "The waiting room is off.");
        } catch (MarqueeException e) {
            errors.refused(e, field -> field, message -> message.replace("(or absent: no cap)", "(or empty: no cap)"));
        }
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public EventView getEvent() { return event; }
    public WaitingRoomView getCurrent() { return current; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getAdmitPerMinute() { return admitPerMinute; }
    public void setAdmitPerMinute(String admitPerMinute) { this.admitPerMinute = admitPerMinute; }
    public String getShoppingWindowSeconds() { return shoppingWindowSeconds; }
    public void setShoppingWindowSeconds(String shoppingWindowSeconds) { this.shoppingWindowSeconds = shoppingWindowSeconds; }
    public String getMaxSeatsPerAccount() { return maxSeatsPerAccount; }
    public void setMaxSeatsPerAccount(String maxSeatsPerAccount) { this.maxSeatsPerAccount = maxSeatsPerAccount; }
    public FormErrors getErrors() { return errors; }
}
