package org.marquee.api.payment;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.marquee.payment.PaymentWebhooks;
import org.marquee.payment.WebhookSignature;

/**
 * The payment provider calls back here. Authenticated by signature only ({@code Marquee-Signature},
 * HMAC-SHA256 with the shared webhook secret over the timestamp and the raw body; the timestamp must be
 * within 5 minutes), so it is open to any caller without a token. Each event is applied once
 * ({@link PaymentWebhooks}); a redelivery, duplicate or replay is answered 200 and changes nothing.
 *
 * <p>A body is one event, or a batch {@code {"events": [<event>, ...]}} (at most {@value ProviderEventIntake#MAX_EVENTS})
 * applied in one transaction and answered 200 with each event's outcome; the provider sends the
 * {@code IN_FLIGHT} ones again later.
 *
 * <p>Most deliveries never reach this class: {@link PaymentWebhookFilter} takes a plain JSON delivery of
 * known length before JAX-RS. Both hand it to {@link ProviderEventIntake}, so the answers are the same.
 */
@Path("/payments/webhook")
@RequestScoped
@Tag(name = "Payments")
public class PaymentWebhookResource {

    @Inject
    private ProviderEventIntake intake;

    @POST
    @PermitAll
    // What makes Payara turn Fault Tolerance on for the application: it looks for its annotations in WAR
    // modules only, and without one here PaymentGateway's would be ignored. (ProviderEventIntake bounds
    // the deliveries applied at once for both doors; this bound is the same.)
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
        return intake.receive(signature, body == null ? "" : body);
    }
}
