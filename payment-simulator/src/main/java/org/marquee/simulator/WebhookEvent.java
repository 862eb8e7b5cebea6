package org.marquee.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A webhook the simulator owes Marquee: its id and the exact body that is signed and sent. */
record WebhookEvent(String id, String body) {

    /** {@code {id, type: payment.<state>, created, data: {reference, idempotencyKey, state, amount, currency}}} */
    static WebhookEvent of(Charge charge, String state, Instant now) {
        String id = "evt_" + UUID.randomUUID();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", "payment." + state);
        json.put("created", now.getEpochSecond());
        json.put("data", charge.withState(state).json());
        return new WebhookEvent(id, JsonText.write(json));
    }
}
