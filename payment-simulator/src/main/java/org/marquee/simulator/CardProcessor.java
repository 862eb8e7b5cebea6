package org.marquee.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.marquee.simulator.Ledger.Entry;
import org.marquee.simulator.Ledger.Priors;

/**
 * Behaves like a card processor: authorisations, captures, voids and refunds keyed by
 * {@code Idempotency-Key} (a repeated key gets the first answer and changes nothing), the test tokens
 * ({@code tok_visa} succeeds, {@code tok_chargeDeclined} is declined with 402, {@code tok_processingError}
 * fails with 500 every time, any other token is declined as invalid), and a webhook for every change.
 *
 * <p>Each call's effects are written to the {@link Ledger} in one transaction before it is answered;
 * only then are its webhooks handed to {@link Webhooks}. Calls with one idempotency key, and changes of
 * one charge, are serialised by striped locks (keys' locks before charges', each kind in stripe order).
 * An authorisation is one ledger statement (its key's first answer decides); a capture, void or refund
 * is one read (its key's answer and its charge) and one write, and a batch of captures the same for the
 * whole batch.
 */
final class CardProcessor {

    private static final int STRIPES = 256;

    private final Ledger ledger;
    private final Faults faults;
    private final Webhooks webhooks;
    private final Clock clock;
    private final ReentrantLock[] keyLocks = stripes();
    private final ReentrantLock[] chargeLocks = stripes();

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
        if (path.equals("/v1/authorisations")) {
            return locked(List.of(idempotencyKey), List.of(), () -> authorise(idempotencyKey, json, s));
        }
        if (parts.length == 5 && parts[1].equals("v1") && parts[2].equals("payments")) {
            return changeAll(List.of(new Change(idempotencyKey, parts[3], parts[4])), s).get(0);
        }
        return Answer.error(404, "not_found", path);
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
        FaultSettings s = faults.settings();
        Answer[] answers = new Answer[list.size()];
        List<Change> changes = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map<?, ?> capture && capture.get("reference") instanceof String reference
                    && !reference.isEmpty() && !reference.contains("/"))) {
                answers[i] = Answer.error(400, "bad_request", "a capture is an object with a reference");
            } else if (faults.injectFailure(s)) {
                answers[i] = Answer.error(500, "processing_error", "injected failure");
            } else if (!(capture.get("idempotencyKey") instanceof String key) || key.isBlank()) {
                answers[i] = Answer.error(400, "idempotency_key_required", "every call needs an Idempotency-Key");
            } else {
                changes.add(new Change(key, reference, "capture"));
                changed.add(i);
            }
        }
        List<Answer> done = changes.isEmpty() ? List.of() : changeAll(changes, s);
        for (int j = 0; j < done.size(); j++) {
            answers[changed.get(j)] = done.get(j);
        }
        List<Object> results = new ArrayList<>(list.size());
        for (Answer answer : answers) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", answer.status());
            result.put("body", JsonText.parse(answer.body()));
            results.add(result);
        }
        return Answer.json(200, Map.of("results", results));
    }

    /** A capture, void or refund of the charge {@code reference}, asked under {@code idempotencyKey}. */
    private record Change(String idempotencyKey, String reference, String action) {
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
                return keepFirst(new Entry(key, Answer.json(201, c.json()), c, true, announced(events, s)), s);
            }
            case "tok_chargeDeclined" -> {
                return keepFirst(new Entry(key, Answer.error(402, "card_declined", "The card was declined"), null, false, List.of()), s);
            }
            case "tok_processingError" -> {
                Answer first = ledger.answer(key);
                return first != null ? first : Answer.error(500, "processing_error", "processing error at the provider");
            }
            default -> {
                return keepFirst(new Entry(key, Answer.error(402, "invalid_token", "The payment token is not valid"), null, false, List.of()), s);
            }
        }
    }

    /** The call's own answer once it is written, or the first answer its key was given (and nothing is written). */
    private Answer keepFirst(Entry entry, FaultSettings s) {
        Answer first = ledger.recordFirst(entry);
        if (first != null) {
            return first;
        }
        if (!entry.events().isEmpty()) {
            webhooks.announce(entry.events(), s);
        }
        return entry.answer();
    }

    /**
     * Captures, voids and refunds, each moving its charge one way (repeating one already done is harmless),
     * under their keys' and charges' locks: one read of what the ledger holds for all of them, one write of
     * all their effects, then their webhooks. A later change of the same charge sees the earlier one's state.
     */
    private List<Answer> changeAll(List<Change> changes, FaultSettings s) {
        List<String> keys = changes.stream().map(Change::idempotencyKey).toList();
        List<String> references = changes.stream().map(Change::reference).toList();
        return locked(keys, references, () -> {
            Priors priors = ledger.priors(keys, references);
            Map<String, Answer> answers = new HashMap<>(priors.answers());
            Map<String, Charge> charges = new HashMap<>(priors.charges());
            List<Answer> results = new ArrayList<>(changes.size());
            List<Entry> entries = new ArrayList<>();
            for (Change change : changes) {
                Answer first = answers.get(change.idempotencyKey());
                if (first != null) {
                    results.add(first);
                    continue;
                }
                String target = switch (change.action()) {
                    case "capture" -> "captured";
                    case "void" -> "voided";
                    case "refund" -> "refunded";
                    default -> null;
                };
                if (target == null) {
                    results.add(Answer.error(404, "not_found", change.action()));
                    continue;
                }
                Entry entry = change(change, target, charges.get(change.reference()), s);
                answers.put(change.idempotencyKey(), entry.answer());
                if (entry.charge() != null) {
                    charges.put(entry.charge().reference(), entry.charge());
                }
                entries.add(entry);
                results.add(entry.answer());
            }
            ledger.recordAll(entries);
            List<WebhookEvent> events = entries.stream().flatMap(e -> e.events().stream()).toList();
            if (!events.isEmpty()) {
                webhooks.announce(events, s);
            }
            return results;
        });
    }

    private Entry change(Change change, String target, Charge c, FaultSettings s) {
        String key = change.idempotencyKey();
        if (c == null) {
            return new Entry(key, Answer.error(404, "not_found", "no payment " + change.reference()), null, false, List.of());
        }
        if (c.state().equals(target)) {
            return new Entry(key, Answer.json(200, c.json()), null, false, List.of());
        }
        if (s.refuses(change.action()) && c.state().equals(allowedFrom(target))) {
            return new Entry(key, refusal(change.action()), null, false, List.of());
        }
        if (!c.state().equals(allowedFrom(target))) {
            return new Entry(key, Answer.error(409, "already_" + c.state(), "the payment is " + c.state()), null, false, List.of());
        }
        Charge changed = c.withState(target);
        return new Entry(key, Answer.json(200, changed.json()), changed, false,
                announced(List.of(WebhookEvent.of(changed, target, clock.instant())), s));
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

    private static List<WebhookEvent> announced(List<WebhookEvent> events, FaultSettings s) {
        return s.webhooks() ? events : List.of();
    }

    /** Runs work holding the stripes of these keys, then of these charges, each kind in stripe order. */
    private <T> T locked(List<String> keys, List<String> references, Supplier<T> work) {
        List<ReentrantLock> held = new ArrayList<>();
        for (int i : stripesOf(keys)) {
            held.add(keyLocks[i]);
        }
        for (int i : stripesOf(references)) {
            held.add(chargeLocks[i]);
        }
        int taken = 0;
        try {
            for (ReentrantLock lock : held) {
                lock.lock();
                taken++;
            }
            return work.get();
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    private static TreeSet<Integer> stripesOf(List<String> names) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (String name : names) {
            stripes.add(Math.floorMod(name.hashCode(), STRIPES));
        }
        return stripes;
    }

    private static ReentrantLock[] stripes() {
        ReentrantLock[] locks = new ReentrantLock[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }
}
