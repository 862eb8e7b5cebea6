package org.marquee.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.marquee.catalog.EventChange;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

class EventMergePatchTest {

    private static EventChange read(String json) {
        // single quotes keep the JSON readable here
        JsonObject patch = Json.createReader(new StringReader(json.replace('\'', '"'))).readObject();
        return EventMergePatch.read(patch);
    }

    private static Map<String, String> unreadable(EventChange change) {
        return change.unreadable().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
    }

    @Test
    void absentMembersLeaveTheirFieldsAlone() {
        EventChange change = read("{'name': 'After'}");
        assertEquals(Optional.of("After"), change.name());
        assertEquals(List.of("name"), change.fields());
        assertEquals(Optional.empty(), change.description());
        assertEquals(Optional.empty(), change.venue());
        assertEquals(Optional.empty(), change.holdTtlSeconds());
        assertEquals(List.of(), change.unreadable());
    }

    @Test
    void nullRemovesAField() {
        EventChange change = read("{'description': null, 'endAt': null, 'performers': null, 'additionalInfo': null}");
        assertEquals(Optional.of(""), change.description());
        assertEquals(Optional.of(""), change.endAt());
        assertEquals(Optional.of(List.of()), change.performers());
        assertEquals(Optional.of(JsonValue.NULL), change.additionalInfo());
    }

    @Test
    void aVenueChangesOnlyTheMembersSent() {
        EventChange.VenueChange venue = read("{'venue': {'city': 'Lausanne', 'address': null}}").venue().orElseThrow();
        assertEquals(Optional.empty(), venue.name());
        assertEquals(Optional.of("Lausanne"), venue.city());
        assertEquals(Optional.empty(), venue.country());
        assertEquals(Optional.of(""), venue.address(), "null removes the address");
    }

    @Test
    void valuesAreReadWithTheirTypes() {
        EventChange change = read("{'holdTtlSeconds': 300, 'maxSeatsPerBooking': 4, 'startAt': '2027-06-01T19:00:00Z',"
                + " 'additionalInfo': {'ageLimit': 18}, 'performers': [{'name': 'Nina'}, 'stray', {'name': 7}]}");
        assertEquals(Optional.of(300), change.holdTtlSeconds());
        assertEquals(Optional.of(4), change.maxSeatsPerBooking());
        assertEquals(Optional.of("2027-06-01T19:00:00Z"), change.startAt(), "times stay text: the catalog's rules read them");
        assertEquals(18, change.additionalInfo().orElseThrow().asJsonObject().getInt("ageLimit"));
        List<NewPerformer> performers = change.performers().orElseThrow();
        assertEquals(new NewPerformer("Nina"), performers.get(0));
        assertNull(performers.get(1), "not an object: left for the catalog to refuse");
        assertNull(performers.get(2).name(), "a name that is not a string is no name");
    }

    @Test
    void membersOfTheWrongTypeAreHandedOnAsUnreadable() {
        EventChange change = read("{'name': 7, 'holdTtlSeconds': 'long', 'maxSeatsPerBooking': 2.5, 'venue': 'here',"
                + " 'performers': {}, 'additionalInfo': [], 'saleEndAt': 'yesterday'}");
        Map<String, String> unreadable = unreadable(change);
        assertEquals(Map.of("name", "must be a string", "holdTtlSeconds", "must be an integer",
                "maxSeatsPerBooking", "must be an integer", "venue", "must be an object", "performers", "must be an array",
                "additionalInfo", "must be an object"), unreadable);
        assertEquals(Optional.of("yesterday"), change.saleEndAt(), "a malformed time is the catalog's to report");
        assertEquals(Optional.empty(), change.name());
    }

    @Test
    void aRequiredNumberCannotBeRemoved() {
        assertEquals(Map.of("holdTtlSeconds", "is required"), unreadable(read("{'holdTtlSeconds': null}")));
        assertEquals(Map.of("maxSeatsPerBooking", "must be an integer"), unreadable(read("{'maxSeatsPerBooking': 10000000000}")));
    }

    @Test
    void fixedAndUnknownMembersRefuseThePatchWhole() {
        MarqueeException e = assertThrows(MarqueeException.class, () -> read("{'code': 'NEW', 'seatTypes': [], 'colour': 'red', 'name': 'x'}"));
        assertEquals(ProblemCode.VALIDATION_FAILED, e.code());
        Map<String, String> errors = e.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
        assertEquals(Map.of("code", "cannot be changed", "seatTypes", "cannot be changed", "colour", "is not a field of an event"), errors);
    }

    @Test
    void anEmptyPatchChangesNothing() {
        EventChange change = read("{}");
        assertTrue(change.fields().isEmpty());
        assertTrue(change.unreadable().isEmpty());
    }
}
