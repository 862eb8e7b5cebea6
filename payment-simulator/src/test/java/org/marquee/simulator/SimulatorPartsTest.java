package org.marquee.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorPartsTest {

    @Test
    void jsonReadsAndWritesWhatTheSimulatorExchanges() {
        Map<String, Object> o = JsonText.parseObject(" {\"a\": \"x\\\"y\\u00e9\", \"n\": 12.50, \"b\": true, \"z\": null, \"l\": [1, {\"k\": false}]} ");
        assertEquals("x\"yé", o.get("a"));
        assertEquals(new BigDecimal("12.50"), o.get("n"));
        assertEquals(Boolean.TRUE, o.get("b"));
        assertNull(o.get("z"));
        assertEquals("{\"a\":\"x\\\"yé\",\"n\":12.50,\"b\":true,\"z\":null,\"l\":[1,{\"k\":false}]}", JsonText.write(o));
        assertEquals(Map.of(), JsonText.parseObject(""));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseObject("{not json"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseObject("{\"a\": 1} x"));
    }

    @Test
    void faultSettingsChangeOnlyWhatIsNamedAndRefuseNonsense() {
        FaultSettings s = FaultSettings.DEFAULTS.with(JsonText.parseObject("{\"mode\": \"hang\", \"hangMs\": 6000}"));
        assertEquals("HANG", s.mode());
        assertEquals(6000, s.delayMs());
        assertEquals(200, s.webhookDelayMs());
        assertThrows(IllegalArgumentException.class, () -> s.with(JsonText.parseObject("{\"mode\": \"SIDEWAYS\"}")));
        assertThrows(IllegalArgumentException.class, () -> s.with(JsonText.parseObject("{\"errorRate\": 2}")));
        assertThrows(IllegalArgumentException.class, () -> s.with(JsonText.parseObject("{\"latencyMs\": -1}")));
        assertThrows(IllegalArgumentException.class, () -> s.with(JsonText.parseObject("{\"webhooks\": \"no\"}")));
    }

    @Test
    void aRefusedControlChangesNothing() {
        Faults faults = new Faults();
        assertThrows(IllegalArgumentException.class, () -> faults.change(JsonText.parseObject("{\"failNext\": 3, \"mode\": \"X\"}")));
        assertEquals(0, faults.json().get("failNext"));
        assertEquals("UP", faults.settings().mode());
    }

    @Test
    void webhooksAreSignedAsMarqueeChecksThem() {
        // HMAC-SHA256("secret-key", "1700000000.{\"id\":\"evt_1\"}"), computed with openssl
        assertEquals("t=1700000000,v1=2989b889dfce8e181b13b499e2f47ff760000bb9c225814756141cbaf2ed80db",
                new WebhookSigner("secret-key".getBytes(StandardCharsets.UTF_8)).sign(1_700_000_000L, "{\"id\":\"evt_1\"}"));
    }

    @Test
    void eventsOfABatchThatMarqueeCannotTakeYetAreSentAgain() {
        assertEquals(java.util.Set.of("evt_2"), WebhookSender.inFlight("""
                {"received": true, "outcomes": [{"id": "evt_1", "outcome": "APPLIED"}, {"id": "evt_2", "outcome": "IN_FLIGHT"},
                 {"id": "evt_3", "outcome": "DUPLICATE"}]}"""));
        assertEquals(java.util.Set.of(), WebhookSender.inFlight("not json"), "a 2xx answer that cannot be read counts every event as taken");
    }

    @Test
    void redeliveriesBackOffFromOneToSixteenSeconds() {
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 16000L),
                List.of(1, 2, 3, 4, 5, 9).stream().map(WebhookSender::retryDelayMs).toList());
    }

    @Test
    void queryParametersAreDecoded() {
        assertEquals("auth:b 1", SimulatorServer.query("x=1&idempotencyKey=auth%3Ab+1", "idempotencyKey"));
        assertNull(SimulatorServer.query(null, "idempotencyKey"));
        assertNull(SimulatorServer.query("a=b", "idempotencyKey"));
    }

    @Test
    void configComesFromTheEnvironment() {
        SimulatorConfig c = SimulatorConfig.from(Map.of("MARQUEE_PAYMENT_SIMULATOR_PORT", "33090",
                "MARQUEE_PAYMENT_WEBHOOK_SECRET", " abc\n"));
        assertEquals(33090, c.port());
        assertEquals("abc", new String(c.webhookSecret(), StandardCharsets.UTF_8));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/marquee_provider", c.dbUrl());
        assertThrows(IllegalArgumentException.class, () -> SimulatorConfig.from(Map.of()));
    }
}
