package org.marquee.catalog;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.marquee.catalog.NewEvent.NewPerformer;
import org.marquee.error.FieldError;

/**
 * A change to an event's descriptive fields, sale window and limits: what the API's merge patch and the
 * console's form both become. An empty Optional leaves a field as it is. A blank text removes an optional
 * field (description, endAt, the venue's address) and is refused for a required one. Values are as the
 * client typed them (times as ISO-8601 text, the category as its name) so that the catalog's rules give
 * every mistake as a field error.
 *
 * @param additionalInfo a merge patch of the event's additional information: an object, or null
 *                       ({@link JsonValue#NULL}) to empty it
 * @param performers     the whole new list; empty removes them all
 * @param unreadable     fields the client sent that could not be read as their type; reported together
 *                       with the catalog's own findings, so a client learns everything wrong at once
 */
public record EventChange(
        Optional<String> name,
        Optional<String> description,
        Optional<String> category,
        Optional<VenueChange> venue,
        Optional<List<NewPerformer>> performers,
        Optional<String> startAt,
        Optional<String> endAt,
        Optional<String> saleStartAt,
        Optional<String> saleEndAt,
        Optional<Integer> holdTtlSeconds,
        Optional<Integer> maxSeatsPerBooking,
        Optional<JsonValue> additionalInfo,
        List<FieldError> unreadable) {

    public EventChange {
        unreadable = List.copyOf(unreadable);
    }

    /** The venue's fields to change; the others keep the current venue's. */
    public record VenueChange(Optional<String> name, Optional<String> city, Optional<String> country, Optional<String> address) {
    }

    /** The names of the fields this change touches, as the API names them. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        name.ifPresent(x -> fields.add("name"));
        description.ifPresent(x -> fields.add("description"));
        category.ifPresent(x -> fields.add("category"));
        venue.ifPresent(x -> fields.add("venue"));
        performers.ifPresent(x -> fields.add("performers"));
        startAt.ifPresent(x -> fields.add("startAt"));
        endAt.ifPresent(x -> fields.add("endAt"));
        saleStartAt.ifPresent(x -> fields.add("saleStartAt"));
        saleEndAt.ifPresent(x -> fields.add("saleEndAt"));
        holdTtlSeconds.ifPresent(x -> fields.add("holdTtlSeconds"));
        maxSeatsPerBooking.ifPresent(x -> fields.add("maxSeatsPerBooking"));
        additionalInfo.ifPresent(x -> fields.add("additionalInfo"));
        return fields;
    }
}
