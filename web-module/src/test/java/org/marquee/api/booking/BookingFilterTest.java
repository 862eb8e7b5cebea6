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
