package org.marquee.api.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.identity.Caller;

class BookingFilterTest {

    @Test
    void takesJsonBodiesOnlyAndLeavesTheRestToTheResource() {
        assertTrue(BookingFilter.isJson("application/json"));
        assertTrue(BookingFilter.isJson("Application/JSON; charset=UTF-8"));
        assertFalse(BookingFilter.isJson(null));
        assertFalse(BookingFilter.isJson("text/plain"));
        assertFalse(BookingFilter.isJson("application/json-patch+json"));
        assertFalse(BookingFilter.isJson("application/merge-patch+json"));
    }

    @Test
    void answersOnlyClientsThatPlainlyTakeJson() {
        assertTrue(BookingFilter.acceptsJson(null));
        assertTrue(BookingFilter.acceptsJson("application/json"));
        assertTrue(BookingFilter.acceptsJson("*/*"));
        assertTrue(BookingFilter.acceptsJson("text/html, application/*"));
        assertFalse(BookingFilter.acceptsJson("text/html"), "the resource answers 406");
        assertFalse(BookingFilter.acceptsJson("application/json;q=0, text/html"), "q-values go to JAX-RS's negotiation");
    }

    @Test
    void takesTheCollectionAndConfirmsOfWellFormedIdsOnly() {
        UUID id = UUID.randomUUID();
        assertEquals(id, BookingFilter.confirmed("/api/v1/bookings/" + id + "/confirm"));
        assertNull(BookingFilter.confirmed("/api/v1/bookings/" + id + "/cancel"));
        assertNull(BookingFilter.confirmed("/api/v1/bookings/" + id + "/confirm/"));
        assertNull(BookingFilter.confirmed("/api/v1/bookings/" + id));
        assertNull(BookingFilter.confirmed("/api/v1/bookings/not-a-uuid-but-thirty-six-characters/confirm"), "the resource answers 404");
        assertNull(BookingFilter.confirmed("/api/v1/bookings"));
    }

    @Test
    void takesTheRolesTheResourceAllows() {
        UUID id = UUID.randomUUID();
        assertTrue(BookingFilter.mayBook(Caller.of(id, List.of("CUSTOMER"))));
        assertTrue(BookingFilter.mayBook(Caller.of(id, List.of("BOX_OFFICE"))));
        assertTrue(BookingFilter.mayBook(Caller.of(id, List.of("ADMIN"))));
        assertFalse(BookingFilter.mayBook(Caller.of(id, List.of("DOOR"))), "door staff get the resource's 403");
        assertFalse(BookingFilter.mayBook(Caller.of(id, List.of("INTEGRATOR"))));
    }
}
