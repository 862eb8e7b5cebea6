package org.marquee.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardProcessorTest {

    private final MemoryLedger ledger = new MemoryLedger();
    private final Faults faults = new Faults();
    private final List<WebhookEvent> announced = new ArrayList<>();
    private final CardProcessor processor = new CardProcessor(ledger, faults, (events, s) -> announced.addAll(events),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private Answer authorise(String key, String token) {
        return processor.handle("POST", "/v1/authorisations", key, null,
                "{\"amount\": \"30.00\", \"currency\": \"EUR\", \"token\": \"" + token + "\"}");
    }

    private static Map<String, Object> json(Answer a) {
        return JsonText.parseObject(a.body());
    }

    @Test
    void aVisaTokenIsAuthorisedOncePerKeyAndAnnounced() {
        Answer first = authorise("auth:b1:1", "tok_visa");
        assertEquals(201, first.status());
        assertEquals("authorised", json(first).get("state"));
        assertEquals(first, authorise("auth:b1:1", "tok_visa"), "a repeated key gets the first answer");
        assertEquals(1, ledger.charges().size());
        assertEquals(1, announced.size());
        Map<String, Object> event = JsonText.parseObject(announced.get(0).body());
        assertEquals("payment.authorised", event.get("type"));
        assertEquals("auth:b1:1", ((Map<?, ?>) event.get("data")).get("idempotencyKey"));
    }

    @Test
    void declineAndFailureTokens() {
        assertEquals(402, authorise("k1", "tok_chargeDeclined").status());
        assertEquals("card_declined", json(authorise("k1", "tok_chargeDeclined")).get("code"));
        assertEquals(500, authorise("k2", "tok_processingError").status());
        assertEquals(500, authorise("k2", "tok_processingError").status(), "a 500 is not kept: every time");
        assertEquals("invalid_token", json(authorise("k3", "tok_unknown")).get("code"));
        assertTrue(ledger.charges().isEmpty());
    }

    @Test
    void captureVoidAndRefundMoveOneWay() {
        String reference = (String) json(authorise("auth:b2:1", "tok_visa")).get("reference");
        Answer captured = processor.handle("POST", "/v1/payments/" + reference + "/capture", "capture:b2:1", null, "{}");
        assertEquals("captured", json(captured).get("state"));
        Answer voided = processor.handle("POST", "/v1/payments/" + reference + "/void", "void:b2:1", null, "{}");
        assertEquals(409, voided.status());
        assertEquals("already_captured", json(voided).get("code"));
        Answer refunded = processor.handle("POST", "/v1/payments/" + reference + "/refund", "refund:b2:1", null, "{}");
        assertEquals("refunded", json(refunded).get("state"));
        assertEquals("refunded", ledger.charge(reference).state());
        assertEquals(List.of("payment.authorised", "payment.captured", "payment.refunded"),
                announced.stream().map(e -> JsonText.parseObject(e.body()).get("type")).toList());
        assertEquals(404, processor.handle("POST", "/v1/payments/pay_nope/capture", "capture:x", null, "{}").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBatchOfCapturesAnswersEachAsItsOwnCallInOrder() {
        String first = (String) json(authorise("auth:b5:1", "tok_visa")).get("reference");
        String second = (String) json(authorise("auth:b6:1", "tok_visa")).get("reference");
        assertEquals("captured", json(processor.handle("POST", "/v1/payments/" + second + "/capture", "capture:b6:1", null, "{}")).get("state"));
        Answer batch = processor.captureAll("{\"captures\": ["
                + "{\"idempotencyKey\": \"capture:b5:1\", \"reference\": \"" + first + "\", \"amount\": \"30.00\", \"currency\": \"EUR\"},"
                + "{\"idempotencyKey\": \"capture:b6:1\", \"reference\": \"" + second + "\", \"amount\": \"30.00\", \"currency\": \"EUR\"},"
                + "{\"idempotencyKey\": \"capture:x:1\", \"reference\": \"pay_nope\"},"
                + "{\"reference\": \"" + first + "\"},"
                + "42]}");
        assertEquals(200, batch.status());
        List<Map<String, Object>> results = (List<Map<String, Object>>) json(batch).get("results");
        assertEquals(List.of(200L, 200L, 404L, 400L, 400L), results.stream().map(r -> ((Number) r.get("status")).longValue()).toList());
        assertEquals("captured", ((Map<String, Object>) results.get(0).get("body")).get("state"));
        assertEquals("captured", ledger.charge(first).state());
        assertEquals("idempotency_key_required", ((Map<String, Object>) results.get(3).get("body")).get("code"));
        assertEquals(List.of("payment.authorised", "payment.authorised", "payment.captured", "payment.captured"),
                announced.stream().map(e -> JsonText.parseObject(e.body()).get("type")).toList(),
                "the capture repeated under its key announced nothing again");
        assertEquals(400, processor.captureAll("{\"captures\": 1}").status());
        assertEquals(400, processor.captureAll("[").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void withinOneBatchARepeatedKeyReplaysAndALaterCaptureOfTheSameChargeSeesTheEarlierOne() {
        String reference = (String) json(authorise("auth:b7:1", "tok_visa")).get("reference");
        Answer batch = processor.captureAll("{\"captures\": ["
                + "{\"idempotencyKey\": \"capture:b7:1\", \"reference\": \"" + reference + "\"},"
                + "{\"idempotencyKey\": \"capture:b7:1\", \"reference\": \"" + reference + "\"},"
                + "{\"idempotencyKey\": \"capture:b7:2\", \"reference\": \"" + reference + "\"}]}");
        List<Map<String, Object>> results = (List<Map<String, Object>>) json(batch).get("results");
        assertEquals(List.of(200L, 200L, 200L), results.stream().map(r -> ((Number) r.get("status")).longValue()).toList());
        assertEquals(results.get(0), results.get(1), "the repeated key got the first answer");
        assertEquals("captured", ((Map<String, Object>) results.get(2).get("body")).get("state"),
                "a second key capturing a captured charge is told it is captured");
        assertEquals(List.of("payment.authorised", "payment.captured"),
                announced.stream().map(e -> JsonText.parseObject(e.body()).get("type")).toList(), "the charge moved once");
        assertEquals(3, ledger.answers.size(), "one authorisation and two capture keys are kept");
    }

    @Test
    void aProcessingErrorUnderAnAnsweredKeyReplaysTheFirstAnswer() {
        Answer first = authorise("auth:b8:1", "tok_visa");
        assertEquals(first, authorise("auth:b8:1", "tok_processingError"));
        assertEquals(500, authorise("auth:b9:1", "tok_processingError").status());
        assertEquals(null, ledger.answer("auth:b9:1"), "a failure is not kept");
    }

    @Test
    void aRefusedCaptureIsKeptUnderItsKeyAndANewKeyCapturesOnceTheFaultIsGone() {
        String reference = (String) json(authorise("auth:b4:1", "tok_visa")).get("reference");
        faults.change(JsonText.parseObject("{\"refuse\": [\"capture\", \"refund\"]}"));
        Answer refused = processor.handle("POST", "/v1/payments/" + reference + "/capture", "capture:b4:1", null, "{}");
        assertEquals(402, refused.status());
        assertEquals("authorisation_expired", json(refused).get("code"));
        assertEquals("authorised", ledger.charge(reference).state(), "nothing moved");
        faults.reset();
        assertEquals(refused, processor.handle("POST", "/v1/payments/" + reference + "/capture", "capture:b4:1", null, "{}"),
                "the refusal is the key's answer for good");
        Answer captured = processor.handle("POST", "/v1/payments/" + reference + "/capture", "capture:b4:1#1", null, "{}");
        assertEquals("captured", json(captured).get("state"));
    }

    @Test
    void refuseTakesOnlySettlementNames() {
        assertEquals("refuse must be a list of capture, void, refund",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> faults.change(JsonText.parseObject("{\"refuse\": [\"authorise\"]}"))).getMessage());
        assertEquals(List.of(), faults.json().get("refuse"));
    }

    @Test
    void statusIsByAuthorisationKey() {
        authorise("auth:b3:1", "tok_visa");
        assertEquals(200, processor.handle("GET", "/v1/authorisations", null, "auth:b3:1", "").status());
        assertEquals(404, processor.handle("GET", "/v1/authorisations", null, "auth:none", "").status());
    }

    @Test
    void injectedFailuresComeBeforeAnythingIsDone() {
        faults.change(Map.of("failNext", new java.math.BigDecimal(2)));
        assertEquals(500, authorise("k", "tok_visa").status());
        assertEquals(500, authorise("k", "tok_visa").status());
        assertEquals(201, authorise("k", "tok_visa").status());
        assertEquals(1, ledger.charges().size());
    }

    @Test
    void captureOnAuthoriseAnnouncesBoth() {
        faults.change(JsonText.parseObject("{\"captureOnAuthorise\": true}"));
        assertEquals("captured", json(authorise("k", "tok_visa")).get("state"));
        assertEquals(2, announced.size());
    }

    @Test
    void withWebhooksOffNothingIsOwed() {
        faults.change(JsonText.parseObject("{\"webhooks\": false}"));
        authorise("k", "tok_visa");
        assertTrue(announced.isEmpty());
        assertTrue(ledger.undelivered().isEmpty());
    }

    @Test
    void callsWithoutAKeyOrWithABadBodyAreRefused() {
        assertEquals(400, authorise(null, "tok_visa").status());
        assertEquals(400, processor.handle("POST", "/v1/authorisations", "k", null, "{not json").status());
        assertEquals(404, processor.handle("POST", "/v1/elsewhere", "k", null, "{}").status());
        assertEquals(405, processor.handle("DELETE", "/v1/authorisations", "k", null, "").status());
    }
}
