package org.marquee.api.payment;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.payment.PaymentMetrics;
import org.marquee.payment.PaymentSettings;
import org.marquee.payment.PaymentWebhooks;
import org.marquee.payment.Payments;
import org.marquee.payment.ProviderEvent;
import org.marquee.payment.WebhookSignature;

/**
 * Takes a delivery of the payment provider's events, from whichever door it came in by:
 * {@link PaymentWebhookFilter} before JAX-RS, or {@link PaymentWebhookResource}. Checks the signature,
 * reads one event or a batch {@code {"events": [...]}}, applies them in one transaction
 * ({@link Payments#onProviderEvents}) and answers. Refusals are thrown, for the door to map to their
 * problem.
 */
@ApplicationScoped
public class ProviderEventIntake {

    static final int MAX_EVENTS = 500;
    /** Deliveries applied at once; the rest are 503 and delivered again (they would only queue for the same rows). */
    static final int CONCURRENT_DELIVERIES = 16;

    private static final Logger LOG = Logger.getLogger(ProviderEventIntake.class.getName());
    /** Looked up once: {@code Json.create...} finds the provider again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String NOT_AN_EVENT = "not a provider event: {id, type, created, data: {reference, idempotencyKey, state}}";

    private final Semaphore deliveries = new Semaphore(CONCURRENT_DELIVERIES);

    @EJB
    private Payments payments;

    @Inject
    private PaymentSettings settings;

    @Inject
    private PaymentMetrics metrics;

    /** The answer to a signed delivery: 200 with the outcome (one event) or each event's outcome (a batch). */
    Response receive(String signature, String body) {
        WebhookSignature.Verdict verdict = WebhookSignature.verify(settings.webhookSecret(), signature, body,
                Instant.now().getEpochSecond(), settings.webhookToleranceSeconds());
        if (verdict != WebhookSignature.Verdict.VALID) {
            metrics.webhook("rejected_" + verdict.name().toLowerCase());
            LOG.fine(() -> "webhook refused: signature " + verdict);
            throw new MarqueeException(ProblemCode.UNAUTHENTICATED, switch (verdict) {
                case MISSING -> "The Marquee-Signature header is missing";
                case STALE -> "The signature's timestamp is outside the accepted window";
                default -> "The signature does not match";
            });
        }
        JsonObject json = object(body);
        boolean batch = json.containsKey("events");
        List<ProviderEvent> events = batch ? batch(json) : List.of(event(json));
        if (!deliveries.tryAcquire()) {
            throw new MarqueeException(ProblemCode.UNAVAILABLE, "Too many provider events at once; deliver again shortly", List.of(),
                    Map.of(MarqueeException.RETRY_AFTER_SECONDS, 1));
        }
        List<PaymentWebhooks.Applied> outcomes;
        try {
            outcomes = payments.onProviderEvents(events);
        } finally {
            deliveries.release();
        }
        if (!batch) {
            PaymentWebhooks.Applied applied = outcomes.get(0);
            if (applied.outcome() == PaymentWebhooks.Outcome.IN_FLIGHT) {
                throw new MarqueeException(ProblemCode.UNAVAILABLE, applied.detail(), List.of(),
                        Map.of(MarqueeException.RETRY_AFTER_SECONDS, 2));
            }
            return ok(JSON.createObjectBuilder().add("received", true).add("outcome", applied.outcome().name()).build());
        }
        JsonArrayBuilder answers = JSON.createArrayBuilder();
        for (int i = 0; i < events.size(); i++) {
            answers.add(JSON.createObjectBuilder().add("id", events.get(i).id()).add("outcome", outcomes.get(i).outcome().name()));
        }
        return ok(JSON.createObjectBuilder().add("received", true).add("outcomes", answers).build());
    }

    private static Response ok(JsonObject answer) {
        return Response.ok(answer.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static JsonObject object(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw MarqueeException.invalid("body", NOT_AN_EVENT);
        }
    }

    private static List<ProviderEvent> batch(JsonObject json) {
        try {
            JsonArray array = json.getJsonArray("events");
            if (array.isEmpty() || array.size() > MAX_EVENTS) {
                throw MarqueeException.invalid("events", "a batch holds 1-" + MAX_EVENTS + " events");
            }
            List<ProviderEvent> events = new ArrayList<>(array.size());
            for (JsonValue e : array) {
                events.add(event(e.asJsonObject()));
            }
            return events;
        } catch (ClassCastException e) {
            throw MarqueeException.invalid("events", "must be an array of provider events");
        }
    }

    private static ProviderEvent event(JsonObject e) {
        try {
            JsonObject data = e.getJsonObject("data");
            String id = e.getString("id");
            String type = e.getString("type");
            if (id.isBlank() || id.length() > 100 || type.isBlank() || type.length() > 40 || data == null) {
                throw MarqueeException.invalid("id", "an event needs an id (at most 100 characters), a type (at most 40) and data");
            }
            return new ProviderEvent(id, type, Instant.ofEpochSecond(e.getJsonNumber("created").longValueExact()),
                    data.getString("reference", null), data.getString("idempotencyKey", null), data.getString("state", null));
        } catch (ClassCastException | NullPointerException | ArithmeticException ex) {
            throw MarqueeException.invalid("body", NOT_AN_EVENT);
        }
    }
}
