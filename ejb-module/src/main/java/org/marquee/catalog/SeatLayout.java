package org.marquee.catalog;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where an event's numbered seats are: seat types, their sections, rows and seats, in seat-map order
 * (the order of {@link SeatStatusView#statuses()}). It does not change once the event exists, so it
 * is served and cached apart from the seats' statuses. A seat's label is {@code SECTION-ROW-NUMBER}.
 */
public record SeatLayout(UUID eventId, int seatCount, List<TypeLayout> seatTypes) {

    public record TypeLayout(UUID seatTypeId, List<SectionLayout> sections) {
    }

    public record SectionLayout(String name, List<RowLayout> rows) {
    }

    public record RowLayout(String label, List<Place> seats) {
    }

    @Schema(name = "LayoutSeat")
    public record Place(UUID id, Integer number) {
    }
}
