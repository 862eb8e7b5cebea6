package org.marquee.api.payment;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Problem;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.payment.PaymentMetrics;
import org.marquee.payment.PaymentSettings;
import org.marquee.payment.PaymentWebhooks;
import org.marquee.payment.Payments;
import org.marquee.payment.ProviderEvent;
import org.marquee.payment.WebhookSignature;

/**
 * The payment provider calls back here. Authenticated by signature only ({@code Marquee-Signature},
 * HMAC-SHA256 with the shared webhook secret over the timestamp and the raw body; the timestamp must be
 * within 5 minutes), so it is open to any caller without a token. Each event is applied once
 * ({@link PaymentWebhooks}); a redelivery, duplicate or replay is answered 200 and changes nothing.
 *
 * <p>A body is one event, or a batch {@code {"events": [<event>, ...]}} (at most {@value #MAX_EVENTS})
 * applied in one transaction and answered 200 with each event's outcome; the provider sends the
 * {@code IN_FLIGHT} ones again later.
 */
@Path("/payments/webhook")
@RequestScoped
@Tag(name = "Payments")
public class PaymentWebhookResource {

    static final int MAX_EVENTS = 500;

    private static final Logger LOG = Logger.getLogger(PaymentWebhookResource.class.getName());

    @EJB
    private Payments payments;

    @Inject
    private PaymentSettings settings;

    @Inject
    private PaymentMetrics metrics;

    @POST
    @PermitAll
    // Bounds the threads a burst of events can take (the rest are 503, delivered again). Also what makes
    // Payara turn Fault Tolerance on for the application: it looks for its annotations in WAR modules only,
    // and without one here PaymentGateway's would be ignored.
    @Bulkhead(16)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receivePaymentEvent", summary = "Receive a payment provider event",
            description = "A signed provider event (Marquee-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            description = "the provider's event, or {events: [...]} for a batch")))
    @APIResponse(responseCode = "200", description = "Processed now or before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "{received, outcome}")))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: not an event", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: missing, wrong or stale signature", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "UNAVAILABLE: the payment is being authorised right now, or too many events "
            + "arrive at once; deliver again later",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response receive(@HeaderParam(WebhookSignature.HEADER) @Parameter(required = true, description = "t=<unix seconds>,v1=<hex HMAC-SHA256>",
            schema = @Schema(type = SchemaType.STRING)) String signature, String body) {
        String raw = body == null ? "" : body;
        WebhookSignature.Verdict verdict = WebhookSignature.verify(settings.webhookSecret(), signature, raw,
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
        JsonObject json = object(raw);
        if (json.containsKey("events")) {
            List<ProviderEvent> events = batch(json);
            List<PaymentWebhooks.Applied> outcomes = payments.onProviderEvents(events);
            JsonArrayBuilder answers = Json.createArrayBuilder();
            for (int i = 0; i < events.size(); i++) {
                answers.add(Json.createObjectBuilder().add("id", events.get(i).id()).add("outcome", outcomes.get(i).outcome().name()));
            }
            return Response.ok(Json.createObjectBuilder().add("received", true).add("outcomes", answers).build().toString()).build();
        }
        PaymentWebhooks.Applied applied = payments.onProviderEvent(event(json));
        if (applied.outcome() == PaymentWebhooks.Outcome.IN_FLIGHT) {
            throw new MarqueeException(ProblemCode.UNAVAILABLE, applied.detail(), List.of(),
                    Map.of(MarqueeException.RETRY_AFTER_SECONDS, 2));
        }
        return Response.ok(Json.createObjectBuilder().add("received", true)
                .add("outcome", applied.outcome().name()).build().toString()).build();
    }

    private static JsonObject object(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw MarqueeException.invalid("body", "not a provider event: {id, type, created, data: {reference, idempotencyKey, state}}");
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
            throw MarqueeException.invalid("body", "not a provider event: {id, type, created, data: {reference, idempotencyKey, state}}");
        }
    }
}
