package org.marquee.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonRequestsTest {

    @Test
    void plainJsonIsTakenAndTheRestLeftToJaxRs() {
        assertTrue(JsonRequests.isJson("application/json"));
        assertTrue(JsonRequests.isJson("Application/JSON; charset=UTF-8"));
        assertFalse(JsonRequests.isJson(null));
        assertFalse(JsonRequests.isJson("text/plain"));
        assertFalse(JsonRequests.isJson("application/json-patch+json"));
        assertFalse(JsonRequests.isJson("application/merge-patch+json"));
    }

    @Test
    void answersOnlyClientsThatPlainlyTakeJson() {
        assertTrue(JsonRequests.acceptsJson(null));
        assertTrue(JsonRequests.acceptsJson("application/json"));
        assertTrue(JsonRequests.acceptsJson("*/*"));
        assertTrue(JsonRequests.acceptsJson("text/html, application/*"));
        assertFalse(JsonRequests.acceptsJson("text/html"), "the resource answers 406");
        assertFalse(JsonRequests.acceptsJson("application/json;q=0, text/html"), "q-values go to JAX-RS's negotiation");
    }
}
