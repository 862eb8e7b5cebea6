package org.marquee.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventSummary;
import org.marquee.catalog.EventView;
import org.marquee.checkin.Admission;
import org.marquee.checkin.CheckInSummary;
import org.marquee.checkin.CheckIns;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * The door ({@code door.xhtml?event=}): a code typed, scanned by a keyboard-wedge scanner (which types
 * it and presses Enter) or read by the phone's camera is checked in through {@link CheckIns}, the same
 * as {@code POST /events/{id}/check-ins}, and answered in a big green or red panel with the seat and its
 * type. Without an event it lists the upcoming ones to choose from.
 */
@Named("door")
@ViewScoped
public class DoorPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int EVENTS_SHOWN = 50;

    @EJB
    private CheckIns checkIns;

    @EJB
    private EventCatalog catalog;

    @Inject
    private StaffSession staff;

    private String eventParam;
    private UUID eventId;
    private String eventName;
    private String code;
    private Answer answer;
    private CheckInSummary summary;
    private Instant summaryRead;

    /** What the door shows after a scan. {@code admitted} decides green or red; the rest is what the clerk reads. */
    public record Answer(boolean admitted, String headline, String reason, String label, String seatTypeName, Instant checkedInAt)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** For the page's script: the sound and vibration differ for yes and no. */
        public String result() {
            return admitted ? "yes" : "no";
        }
    }

    public void load() {
        if (eventParam == null || eventParam.isBlank()) {
            return;
        }
        try {
            EventView event = catalog.find(UUID.fromString(eventParam));
            eventId = event.id();
            eventName = event.name();
        } catch (IllegalArgumentException | MarqueeException e) {
            Feedback.error("There is no event " + eventParam + "; choose one below.");
        }
    }

    public void check() {
        String scanned = code == null ? "" : code.strip();
        code = null;   // the field is empty again for the next guest
        if (scanned.isEmpty()) {
            answer = new Answer(false, "No code", "Scan the ticket, or type its code and press Enter.", null, null, null);
            return;
        }
        try {
            Admission admitted = checkIns.admit(staff.caller(), eventId, scanned);
            answer = new Answer(true, "Welcome in", null, admitted.label(), admitted.seatTypeName(), admitted.checkedInAt());
            summary = null;
        } catch (MarqueeException e) {
            answer = refusal(e);
        }
    }

    private static Answer refusal(MarqueeException e) {
        Map<String, Object> ticket = e.extensions();
        String label = (String) ticket.get("label");
        String type = (String) ticket.get("seatTypeName");
        Instant first = ticket.get("checkedInAt") instanceof Instant at ? at : null;
        String headline = switch (e.code()) {
            case ALREADY_CHECKED_IN -> "Already checked in";
            case WRONG_EVENT -> "Wrong event";
            case TICKET_VOID -> "Ticket cancelled";
            case INVALID_CODE -> "Not valid";
            default -> "Not checked in";
        };
        String reason = e.code() == ProblemCode.ALREADY_CHECKED_IN ? "This ticket was let in already." : e.getMessage();
        return new Answer(false, headline, reason, label, type, first);
    }

    /** The counts, read at most once a second (a render asks for them several times). */
    public CheckInSummary getSummary() {
        if (eventId != null && (summary == null || summaryRead.isBefore(Instant.now().minusSeconds(1)))) {
            summary = checkIns.summary(staff.caller(), eventId);
            summaryRead = Instant.now();
        }
        return summary;
    }

    public List<EventSummary> getEvents() {
        return catalog.upcoming(0, EVENTS_SHOWN).items();
    }

    public String getEventParam() { return eventParam; }
    public void setEventParam(String eventParam) { this.eventParam = eventParam; }
    public UUID getEventId() { return eventId; }
    public String getEventName() { return eventName; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public Answer getAnswer() { return answer; }
}
