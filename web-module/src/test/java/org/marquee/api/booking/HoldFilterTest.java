package org.marquee.api.booking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.identity.Caller;

class HoldFilterTest {

    @Test
    void takesJsonBodiesOnlyAndLeavesTheRestToTheResource() {
        assertTrue(HoldFilter.isJson("application/json"));
        assertTrue(HoldFilter.isJson("Application/JSON; charset=UTF-8"));
        assertFalse(HoldFilter.isJson(null));
        assertFalse(HoldFilter.isJson("text/plain"));
        assertFalse(HoldFilter.isJson("application/json-patch+json"));
        assertFalse(HoldFilter.isJson("application/merge-patch+json"));
    }

    @Test
    void answersOnlyClientsThatPlainlyTakeJson() {
        assertTrue(HoldFilter.acceptsJson(null));
        assertTrue(HoldFilter.acceptsJson("application/json"));
        assertTrue(HoldFilter.acceptsJson("*/*"));
        assertTrue(HoldFilter.acceptsJson("text/html, application/*"));
        assertFalse(HoldFilter.acceptsJson("text/html"), "the resource answers 406");
        assertFalse(HoldFilter.acceptsJson("application/json;q=0, text/html"), "q-values go to JAX-RS's negotiation");
    }

    @Test
    void takesTheRolesTheResourceAllows() {
        UUID id = UUID.randomUUID();
        assertTrue(HoldFilter.mayBook(Caller.of(id, List.of("CUSTOMER"))));
        assertTrue(HoldFilter.mayBook(Caller.of(id, List.of("BOX_OFFICE"))));
        assertTrue(HoldFilter.mayBook(Caller.of(id, List.of("ADMIN"))));
        assertFalse(HoldFilter.mayBook(Caller.of(id, List.of("DOOR"))), "door staff get the resource's 403");
        assertFalse(HoldFilter.mayBook(Caller.of(id, List.of("INTEGRATOR"))));
    }
}
