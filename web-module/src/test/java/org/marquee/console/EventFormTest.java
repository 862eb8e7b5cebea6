package org.marquee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EventFormTest {

    @Test
    void aRefusalsPathIsTheFormsField() {
        assertEquals("seatTypes[1].seats", EventForm.fieldOf("seatTypes[1].sections[0].rows[3].seats"));
        assertEquals("seatTypes[0].rows", EventForm.fieldOf("seatTypes[0].sections[0].rows"));
        assertEquals("seatTypes[0].rows", EventForm.fieldOf("seatTypes[0].sections[0].rows[1].label"));
        assertEquals("seatTypes[0].sections", EventForm.fieldOf("seatTypes[0].sections[2].name"));
        assertEquals("seatTypes[0].price", EventForm.fieldOf("seatTypes[0].price"));
        assertEquals("seatTypes", EventForm.fieldOf("seatTypes[0]"));
        assertEquals("venue.name", EventForm.fieldOf("venue"));
        assertEquals("performers", EventForm.fieldOf("performers[2].name"));
    }

    @Test
    void labelsNameTheSeatType() {
        assertEquals("Price of seat type 2", EventForm.label("seatTypes[1].price"));
        assertEquals("Sale closing", EventForm.label("saleEndAt"));
        assertNull(EventForm.label("seatTypes[0].description"));
    }

    @Test
    void theCatalogsWordsBecomeTheForms() {
        assertEquals("must be after the sale's opening", EventForm.inWords("must be after saleStartAt"));
        assertEquals("must not be after the start: the sale closes before the event starts",
                EventForm.inWords("must not be after startAt: the sale window lies before the event"));
        assertEquals("must be a date and time such as 2027-06-01 19:00",
                EventForm.inWords("must be an ISO-8601 UTC time such as 2026-12-18T18:00:00Z"));
    }
}
