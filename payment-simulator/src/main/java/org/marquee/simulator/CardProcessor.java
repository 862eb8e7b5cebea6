package org.marquee.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Behaves like a card processor: authorisations, captures, voids and refunds keyed by
 * {@code Idempotency-Key} (a repeated key gets the first answer and changes nothing), the test tokens
 * ({@code tok_visa} succeeds, {@code tok_chargeDeclined} is declined with 402, {@code tok_processingError}
 * fails with 500 every time, any other token is declined as invalid), and a webhook for every change.
 *
 * <p>Each call's effects are written to the {@link Ledger} in one transaction before it is answered;
 * only then are its webhooks handed to {@link Webhooks}. Calls with one idempotency key, and changes of
 * one charge, are serialised by striped locks (a key's lock is always taken before a charge's).
 */
final class CardProcessor {

    private static final int STRIPES = 256;

    private final Ledger ledger;
    private final Faults faults;
    private final Webhooks webhooks;
    private final Clock clock;
    private final Object[] keyLocks = stripes();
    private final Object[] chargeLocks = stripes();

    CardProcessor(Ledger ledger, Faults faults, Webhooks webhooks, Clock clock) {
        this.ledger = ledger;
        this.faults = faults;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * One call of the provider's API (path below the base URL): {@code POST /v1/authorisations},
     * {@code POST /v1/payments/<reference>/capture|void|refund}, {@code GET /v1/authorisations?idempotencyKey=}
     * ({@code POST /v1/captures} is {@link #captureAll}).
     */
    Answer handle(String method, String path, String idempotencyKey, String queryKey, String body) {
        FaultSettings s = faults.settings();
        if (faults.injectFailure(s)) {
            return Answer.error(500, "processing_error", "injected failure");
        }
        if (method.equals("GET") && path.equals("/v1/authorisations")) {
            Charge c = queryKey == null ? null : ledger.chargeByAuthorisationKey(queryKey);
            return c == null ? Answer.error(404, "not_found", "no payment with this key") : Answer.json(200, c.json());
        }
        if (!method.equals("POST")) {
            return Answer.error(405, "method_not_allowed", method);
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Answer.error(400, "idempotency_key_required", "every call needs an Idempotency-Key");
        }
        Map<String, Object> json;
        try {
            json = JsonText.parseObject(body);
        } catch (IllegalArgumentException e) {
            return Answer.error(400, "bad_request", "not a JSON object");
        }
        String[] parts = path.split("/");
        boolean authorisation = path.equals("/v1/authorisations");
        boolean change = parts.length == 5 && parts[1].equals("v1") && parts[2].equals("payments");
        if (!authorisation && !change) {
            return Answer.error(404, "not_found", path);
        }
        synchronized (stripe(keyLocks, idempotencyKey)) {
            Answer first = ledger.answer(idempotencyKey);
            if (first != null) {
                return first;
            }
            return authorisation ? authorise(idempotencyKey, json, s) : change(idempotencyKey, parts[3], parts[4], s);
        }
    }

    /**
     * {@code POST /v1/captures}: many captures in one call, as processors take a settlement batch. The body is
     * {@code {"captures": [{"idempotencyKey", "reference", "amount", "currency"}, ...]}}; each capture is
     * exactly the call {@code POST /v1/payments/<reference>/capture} under its own key (kept, repeated and
     * refused alone), and the answer is 200 with {@code {"results": [{"status", "body"}, ...]}} in the
     * captures' order, each the answer that call would have had.
     */
    Answer captureAll(String body) {
        Object captures;
        try {
            captures = JsonText.parseObject(body).get("captures");
        } catch (IllegalArgumentException e) {
            return Answer.error(400, "bad_request", "not a JSON object");
        }
        if (!(captures instanceof List<?> list)) {
            return Answer.error(400, "bad_request", "captures must be an array");
        }
        List<Object> results = new ArrayList<>(list.size());
        for (Object item : list) {
            Answer answer = item instanceof Map<?, ?> capture && capture.get("reference") instanceof String reference
                    && !reference.isEmpty() && !reference.contains("/")
                    ? handle("POST", "/v1/payments/" + reference + "/capture",
                            capture.get("idempotencyKey") instanceof String key ? key : null, null, JsonText.write(capture))
                    : Answer.error(400, "bad_request", "a capture is an object with a reference");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", answer.status());
            result.put("body", JsonText.parse(answer.body()));
            results.add(result);
        }
        return Answer.json(200, Map.of("results", results));
    }

    private Answer authorise(String key, Map<String, Object> json, FaultSettings s) {
        String token = String.valueOf(json.getOrDefault("token", ""));
        switch (token) {
            case "tok_visa" -> {
                Charge c = new Charge("pay_" + UUID.randomUUID(), key, String.valueOf(json.getOrDefault("amount", "0")),
                        String.valueOf(json.getOrDefault("currency", "XXX")), s.captureOnAuthorise() ? "captured" : "authorised");
                List<WebhookEvent> events = new ArrayList<>();
                events.add(WebhookEvent.of(c, "authorised", clock.instant()));
                if (s.captureOnAuthorise()) {
                    events.add(WebhookEvent.of(c, "captured", clock.instant()));
                }
                return keep(key, Answer.json(201, c.json()), c, true, events, s);
            }
            case "tok_chargeDeclined" -> {
                return keep(key, Answer.error(402, "card_declined", "The card was declined"), null, false, List.of(), s);
            }
            case "tok_processingError" -> {
                return Answer.error(500, "processing_error", "processing error at the provider");
            }
            default -> {
                return keep(key, Answer.error(402, "invalid_token", "The payment token is not valid"), null, false, List.of(), s);
            }
        }
    }

    /** capture, void or refund of a charge: each moves it one way, and repeating one already done is harmless. */
    private Answer change(String key, String reference, String action, FaultSettings s) {
        String target = switch (action) {
            case "capture" -> "captured";
            case "void" -> "voided";
            case "refund" -> "refunded";
            default -> null;
        };
        if (target == null) {
            return Answer.error(404, "not_found", action);
        }
        synchronized (stripe(chargeLocks, reference)) {
            Charge c = ledger.charge(reference);
            if (c == null) {
                return keep(key, Answer.error(404, "not_found", "no payment " + reference), null, false, List.of(), s);
            }
            if (c.state().equals(target)) {
                return keep(key, Answer.json(200, c.json()), null, false, List.of(), s);
            }
            if (s.refuses(action) && c.state().equals(allowedFrom(target))) {
                return keep(key, refusal(action), null, false, List.of(), s);
            }
            if (!c.state().equals(allowedFrom(target))) {
                return keep(key, Answer.error(409, "already_" + c.state(), "the payment is " + c.state()), null, false, List.of(), s);
            }
            Charge changed = c.withState(target);
            return keep(key, Answer.json(200, changed.json()), changed, false,
                    List.of(WebhookEvent.of(changed, target, clock.instant())), s);
        }
    }

    /** What a processor answers when it will not settle: a capture after the authorisation lapsed, a void or refund it declines. */
    static Answer refusal(String action) {
        return switch (action) {
            case "capture" -> Answer.error(402, "authorisation_expired", "the authorisation expired; it cannot be captured");
            case "void" -> Answer.error(402, "void_refused", "the processor refused to void the authorisation");
            default -> Answer.error(402, "refund_refused", "the processor refused the refund");
        };
    }

    static String allowedFrom(String target) {
        return target.equals("refunded") ? "captured" : "authorised";
    }

    private Answer keep(String key, Answer answer, Charge charge, boolean created, List<WebhookEvent> events, FaultSettings s) {
        List<WebhookEvent> announced = s.webhooks() ? events : List.of();
        ledger.record(key, answer, charge, created, announced);
        if (!announced.isEmpty()) {
            webhooks.announce(announced, s);
        }
        return answer;
    }

    private static Object[] stripes() {
        Object[] locks = new Object[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    private static Object stripe(Object[] locks, String name) {
        return locks[Math.floorMod(name.hashCode(), locks.length)];
    }
}
