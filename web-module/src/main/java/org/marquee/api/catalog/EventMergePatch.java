package org.marquee.api.catalog;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.marquee.catalog.EventChange.VenueChange;
import org.marquee.catalog.EventChange;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;

/**
 * Reads a JSON merge patch (RFC 7396) of an event into an {@link EventChange}: a member that is absent
 * leaves its field alone, {@code null} removes it (the catalog refuses that for a required field), and
 * {@code venue} and {@code additionalInfo} are merged into what the event has. Fixed, server-owned and
 * unknown members refuse the whole patch at once; a member of the wrong JSON type is handed on as
 * unreadable, so that the client hears about it together with the catalog's own findings.
 */
final class EventMergePatch {

    private static final Set<String> FIXED = Set.of("id", "code", "status", "seatTypes");
    /** What the document publishes as EventPatch, and nothing else. */
    private static final Set<String> CHANGEABLE = Arrays.stream(EventPatch.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    private final JsonObject patch;
    private final List<FieldError> unreadable = new ArrayList<>();

    private EventMergePatch(JsonObject patch) {
        this.patch = patch;
    }

    static EventChange read(JsonObject patch) {
        List<FieldError> refused = new ArrayList<>();
        for (String member : patch.keySet()) {
            if (FIXED.contains(member)) {
                refused.add(new FieldError(member, "cannot be changed"));
            } else if (!CHANGEABLE.contains(member)) {
                refused.add(new FieldError(member, "is not a field of an event"));
            }
        }
        if (!refused.isEmpty()) {
            throw MarqueeException.invalid(refused);
        }
        return new EventMergePatch(patch).change();
    }

    private EventChange change() {
        return new EventChange(text(patch, "name", "name"), text(patch, "description", "description"),
                text(patch, "category", "category"), venue(), performers(),
                text(patch, "startAt", "startAt"), text(patch, "endAt", "endAt"),
                text(patch, "saleStartAt", "saleStartAt"), text(patch, "saleEndAt", "saleEndAt"),
                integer("holdTtlSeconds"), integer("maxSeatsPerBooking"), additionalInfo(), unreadable);
    }

    /** Text as sent; null becomes blank, which removes an optional field. */
    private Optional<String> text(JsonObject object, String member, String path) {
        JsonValue value = object.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.of("");
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        unreadable.add(new FieldError(path, "must be a string"));
        return Optional.empty();
    }

    private Optional<Integer> integer(String member) {
        JsonValue value = patch.get(member);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            unreadable.add(new FieldError(member, "is required"));
            return Optional.empty();
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return Optional.of(n.intValueExact());
            } catch (ArithmeticException e) {
                // too large: reported below
            }
        }
        unreadable.add(new FieldError(member, "must be an integer"));
        return Optional.empty();
    }

    private Optional<VenueChange> venue() {
        JsonValue value = patch.get("venue");
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            unreadable.add(new FieldError("venue", "must be an object"));
            return Optional.empty();
        }
        JsonObject venue = value.asJsonObject();
        return Optional.of(new VenueChange(text(venue, "name", "venue.name"), text(venue, "city", "venue.city"),
                text(venue, "country", "venue.country"), text(venue, "address", "venue.address")));
    }

    /** The whole new list; null removes every performer. An entry that is not an object stays null, for the catalog to refuse. */
    private Optional<List<NewPerformer>> performers() {
        JsonValue value = patch.get("performers");
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.of(List.of());
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            unreadable.add(new FieldError("performers", "must be an array"));
            return Optional.empty();
        }
        JsonArray array = value.asJsonArray();
        List<NewPerformer> performers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue entry = array.get(i);
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                performers.add(null);
                continue;
            }
            // a name that is not a string is no name: the catalog says it is required
            JsonValue name = entry.asJsonObject().get("name");
            performers.add(new NewPerformer(name instanceof JsonString s ? s.getString() : null));
        }
        return Optional.of(performers);
    }

    private Optional<JsonValue> additionalInfo() {
        JsonValue value = patch.get("additionalInfo");
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.NULL) {
            unreadable.add(new FieldError("additionalInfo", "must be an object"));
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
