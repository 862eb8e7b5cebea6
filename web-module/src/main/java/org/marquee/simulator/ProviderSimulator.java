package org.marquee.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.marquee.payment.WebhookSignature;

/**
 * Behaves like a card processor: authorisations, captures, voids and refunds keyed by
 * {@code Idempotency-Key} (a repeated key gets the first answer and changes nothing), the test tokens of
 * API.md ({@code tok_visa} succeeds, {@code tok_chargeDeclined} is declined with 402,
 * {@code tok_processingError} fails with 500 every time, any other token is declined as invalid), and
 * signed webhooks for every change, delivered asynchronously and again until answered 2xx.
 *
 * <p>Its faults are set at {@code PUT /provider-sim/control} ({@code GET} shows them with counters):
 * <ul>
 * <li>{@code mode}: UP; DOWN (every call 503 at once); HANG (every call waits {@code hangMs}, then is
 *     processed: its answer and webhook come late, after the caller has given up);</li>
 * <li>{@code latencyMs}, {@code errorRate} (0–1: that share of calls fail with 500 before doing
 *     anything), {@code failNext} (the next n calls fail with 500);</li>
 * <li>{@code captureOnAuthorise}: authorisations are captured at once (a "sale");</li>
 * <li>webhooks: {@code webhooks} (on/off), {@code webhookDelayMs}, {@code webhookShuffle} (each
 *     delivery waits a random part of the delay, so events overtake each other),
 *     {@code webhookDuplicateRate} (0–1: that share of events is delivered twice).</li>
 * </ul>
 * {@code POST /provider-sim/control/reset} restores the defaults; {@code GET /provider-sim/control/payments}
 * lists the simulator's own ledger, for tests that compare it with Marquee's.
 */
final class ProviderSimulator extends HttpServlet {

    static final String PATH = "/provider-sim";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProviderSimulator.class.getName());
    private static final int WEBHOOK_ATTEMPTS = 10;

    /** The fault settings; replaced as a whole. */
    private record Settings(String mode, long latencyMs, double errorRate, long hangMs, boolean captureOnAuthorise,
            boolean webhooks, long webhookDelayMs, boolean webhookShuffle, double webhookDuplicateRate) {

        static final Settings DEFAULTS = new Settings("UP", 0, 0, 10_000, false, true, 200, false, 0);

        Settings with(JsonObject c) {
            String m = c.getString("mode", mode).toUpperCase();
            if (!m.equals("UP") && !m.equals("DOWN") && !m.equals("HANG")) {
                throw new IllegalArgumentException("mode must be UP, DOWN or HANG");
            }
            return new Settings(m, num(c, "latencyMs", latencyMs), rate(c, "errorRate", errorRate), num(c, "hangMs", hangMs),
                    c.getBoolean("captureOnAuthorise", captureOnAuthorise), c.getBoolean("webhooks", webhooks),
                    num(c, "webhookDelayMs", webhookDelayMs), c.getBoolean("webhookShuffle", webhookShuffle),
                    rate(c, "webhookDuplicateRate", webhookDuplicateRate));
        }

        JsonObjectBuilder json() {
            return Json.createObjectBuilder().add("mode", mode).add("latencyMs", latencyMs).add("errorRate", errorRate)
                    .add("hangMs", hangMs).add("captureOnAuthorise", captureOnAuthorise).add("webhooks", webhooks)
                    .add("webhookDelayMs", webhookDelayMs).add("webhookShuffle", webhookShuffle)
                    .add("webhookDuplicateRate", webhookDuplicateRate);
        }

        private static long num(JsonObject c, String name, long current) {
            long v = c.containsKey(name) ? c.getJsonNumber(name).longValueExact() : current;
            if (v < 0 || v > 600_000) {
                throw new IllegalArgumentException(name + " must be 0 to 600000");
            }
            return v;
        }

        private static double rate(JsonObject c, String name, double current) {
            double v = c.containsKey(name) ? c.getJsonNumber(name).doubleValue() : current;
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException(name + " must be between 0 and 1");
            }
            return v;
        }
    }

    /** One payment in the simulator's ledger. */
    private static final class Charge {
        final String reference = "pay_" + UUID.randomUUID();
        final String authorisationKey;
        final String amount;
        final String currency;
        volatile String state;

        Charge(String authorisationKey, String amount, String currency, String state) {
            this.authorisationKey = authorisationKey;
            this.amount = amount;
            this.currency = currency;
            this.state = state;
        }

        JsonObjectBuilder json() {
            return Json.createObjectBuilder().add("reference", reference).add("idempotencyKey", authorisationKey)
                    .add("state", state).add("amount", amount).add("currency", currency);
        }
    }

    private record Answer(int status, String body) {
    }

    private final transient ScheduledExecutorService scheduler;
    private final byte[] secret;
    private final transient HttpClient webhookClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private volatile Settings settings = Settings.DEFAULTS;
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong webhooksDelivered = new AtomicLong();
    private final AtomicInteger webhooksPending = new AtomicInteger();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    private final Map<String, Charge> byAuthorisationKey = new ConcurrentHashMap<>();
    private volatile String webhookUrl;

    ProviderSimulator(ScheduledExecutorService scheduler, byte[] secret) {
        this.scheduler = scheduler;
        this.secret = secret.clone();
        this.webhookUrl = System.getProperty("marquee.payment.simulator.webhook-url");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (webhookUrl == null) {
            webhookUrl = "http://127.0.0.1:" + req.getLocalPort() + "/api/v1/payments/webhook";
        }
        if (path.startsWith("/control")) {
            write(resp, control(req.getMethod(), path, body));
            return;
        }
        requests.incrementAndGet();
        Settings s = settings;
        if (s.mode().equals("DOWN")) {
            write(resp, error(503, "unavailable", "the provider is down"));
            return;
        }
        long delay = s.latencyMs() + (s.mode().equals("HANG") ? s.hangMs() : 0);
        String method = req.getMethod();
        String key = req.getHeader("Idempotency-Key");
        String query = req.getParameter("idempotencyKey");
        if (delay == 0) {
            write(resp, handle(method, path, key, query, body));
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        scheduler.schedule(() -> {
            try {
                write((HttpServletResponse) async.getResponse(), handle(method, path, key, query, body));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "simulator answer not delivered (the caller left)", e);
            } finally {
                async.complete();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private Answer handle(String method, String path, String key, String query, String body) {
        Settings s = settings;
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 || ThreadLocalRandom.current().nextDouble() < s.errorRate()) {
            return error(500, "processing_error", "injected failure");
        }
        String[] parts = path.split("/");
        if (method.equals("GET") && path.equals("/v1/authorisations")) {
            Charge c = query == null ? null : byAuthorisationKey.get(query);
            return c == null ? error(404, "not_found", "no payment with this key") : new Answer(200, c.json().build().toString());
        }
        if (!method.equals("POST")) {
            return error(405, "method_not_allowed", method);
        }
        if (key == null || key.isBlank()) {
            return error(400, "idempotency_key_required", "every call needs an Idempotency-Key");
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(body.isBlank() ? "{}" : body))) {
            json = reader.readObject();
        } catch (JsonException | ClassCastException e) {
            return error(400, "bad_request", "not a JSON object");
        }
        synchronized (this) {
            Answer first = answers.get(key);
            if (first != null) {
                return first;
            }
            Answer answer;
            if (path.equals("/v1/authorisations")) {
                answer = authorise(key, json, s);
            } else if (parts.length == 5 && parts[2].equals("payments")) {
                answer = change(parts[3], parts[4]);
            } else {
                return error(404, "not_found", path);
            }
            if (answer.status() < 500) {
                answers.put(key, answer);
            }
            return answer;
        }
    }

    private Answer authorise(String key, JsonObject json, Settings s) {
        String token = json.getString("token", "");
        switch (token) {
            case "tok_visa":
                Charge c = new Charge(key, json.getString("amount", "0"), json.getString("currency", "XXX"),
                        s.captureOnAuthorise() ? "captured" : "authorised");
                charges.put(c.reference, c);
                byAuthorisationKey.put(key, c);
                emit(c, "authorised");
                if (s.captureOnAuthorise()) {
                    emit(c, "captured");
                }
                return new Answer(201, c.json().build().toString());
            case "tok_chargeDeclined":
                return error(402, "card_declined", "The card was declined");
            case "tok_processingError":
                return error(500, "processing_error", "processing error at the provider");
            default:
                return error(402, "invalid_token", "The payment token is not valid");
        }
    }

    /** capture, void or refund of a charge: each moves it one way, and repeating one already done is harmless. */
    private Answer change(String reference, String action) {
        Charge c = charges.get(reference);
        if (c == null) {
            return error(404, "not_found", "no payment " + reference);
        }
        String target = switch (action) {
            case "capture" -> "captured";
            case "void" -> "voided";
            case "refund" -> "refunded";
            default -> null;
        };
        if (target == null) {
            return error(404, "not_found", action);
        }
        if (!c.state.equals(target)) {
            String allowedFrom = target.equals("refunded") ? "captured" : "authorised";
            if (!c.state.equals(allowedFrom)) {
                return error(409, "already_" + c.state, "the payment is " + c.state);
            }
            c.state = target;
            emit(c, target);
        }
        return new Answer(200, c.json().build().toString());
    }

    // ------------------------------------------------------------------------------------ webhooks

    private void emit(Charge c, String state) {
        Settings s = settings;
        if (!s.webhooks()) {
            return;
        }
        String event = Json.createObjectBuilder().add("id", "evt_" + UUID.randomUUID()).add("type", "payment." + state)
                .add("created", Instant.now().getEpochSecond())
                .add("data", c.json().add("state", state)).build().toString();
        deliverLater(event, s, 0);
        if (ThreadLocalRandom.current().nextDouble() < s.webhookDuplicateRate()) {
            deliverLater(event, s, 0);
        }
    }

    private void deliverLater(String event, Settings s, int attempt) {
        long delay = attempt == 0
                ? (s.webhookShuffle() ? ThreadLocalRandom.current().nextLong(s.webhookDelayMs() + 1) : s.webhookDelayMs())
                : Math.min(1000L << (attempt - 1), 16_000);
        webhooksPending.incrementAndGet();
        scheduler.schedule(() -> {
            webhooksPending.decrementAndGet();
            deliver(event, s, attempt);
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void deliver(String event, Settings s, int attempt) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(), event))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build();
            status = webhookClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status >= 200 && status < 300) {
            webhooksDelivered.incrementAndGet();
        } else if (attempt + 1 < WEBHOOK_ATTEMPTS) {
            deliverLater(event, s, attempt + 1);
        } else {
            LOG.warning("simulator gave up delivering a webhook after " + WEBHOOK_ATTEMPTS + " attempts: " + event);
        }
    }

    // ------------------------------------------------------------------------------------- control

    private Answer control(String method, String path, String body) {
        if (path.equals("/control/payments") && method.equals("GET")) {
            JsonArrayBuilder all = Json.createArrayBuilder();
            charges.values().forEach(c -> all.add(c.json()));
            return new Answer(200, all.build().toString());
        }
        if (path.equals("/control/reset") && method.equals("POST")) {
            settings = Settings.DEFAULTS;
            failNext.set(0);
        } else if (path.equals("/control") && method.equals("PUT")) {
            try (var reader = Json.createReader(new StringReader(body))) {
                JsonObject c = reader.readObject();
                settings = settings.with(c);
                if (c.containsKey("failNext")) {
                    failNext.set(c.getInt("failNext"));
                }
            } catch (JsonException | ClassCastException | ArithmeticException | IllegalArgumentException e) {
                return error(400, "bad_request", String.valueOf(e.getMessage()));
            }
        } else if (!(path.equals("/control") && method.equals("GET"))) {
            return error(404, "not_found", path);
        }
        return new Answer(200, settings.json().add("failNext", failNext.get()).add("requests", requests.get())
                .add("webhooksDelivered", webhooksDelivered.get()).add("webhooksPending", webhooksPending.get())
                .build().toString());
    }

    private static Answer error(int status, String code, String message) {
        return new Answer(status, Json.createObjectBuilder().add("code", code).add("message", message).build().toString());
    }

    private static void write(HttpServletResponse resp, Answer answer) throws IOException {
        resp.setStatus(answer.status());
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        try {
            resp.getWriter().write(answer.body());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
