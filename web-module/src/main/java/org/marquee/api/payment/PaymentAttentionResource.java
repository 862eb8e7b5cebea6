package org.marquee.api.payment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.api.identity.CurrentCaller;
import org.marquee.booking.AttentionItem;
import org.marquee.booking.PaymentAttention;
import org.marquee.identity.Roles;

/** Payments that need a person (the console's page of the same name acts through the same service). */
@Path("/admin/payments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BOX_OFFICE, Roles.ADMIN})
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "Payments")
public class PaymentAttentionResource {

    @EJB
    private PaymentAttention attention;

    @Inject
    private CurrentCaller caller;

    @GET
    @Path("attention")
    @Operation(operationId = "listPaymentsNeedingAttention", summary = "List payments that need attention",
            description = "Payments that need attention (NEEDS_ATTENTION), oldest first: booking, customer, amount, the step that failed and why")
    @APIResponse(responseCode = "200", description = "The list (at most 500)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = AttentionItem.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: not staff", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<AttentionItem> list() {
        return attention.list(caller.get());
    }

    @POST
    @Path("{id}/retry")
    @Operation(operationId = "retryPayment", summary = "Retry a failed payment step",
            description = "Try the failed capture, void or refund again now (with new idempotency keys); refused again, it needs attention again")
    @APIResponse(responseCode = "200", description = "The payment's and the booking's status after the attempt", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentAttention.Outcome.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CONFLICT: the payment does not need attention, or its booking is no longer paid",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PaymentAttention.Outcome retry(@PathParam("id") String id) {
        return attention.retry(caller.get(), Ids.parse(id, "Payment"));
    }

    @POST
    @Path("{id}/cancel-booking")
    @Operation(operationId = "cancelBookingOfPayment", summary = "Cancel the booking of a failed capture",
            description = "A failed capture: cancel the booking, release its seats (its tickets are no longer valid) and void the authorisation")
    @APIResponse(responseCode = "200", description = "The payment's and the booking's status after the cancel", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentAttention.Outcome.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CONFLICT: the payment does not need attention, or what failed was not a capture",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PaymentAttention.Outcome cancelBooking(@PathParam("id") String id) {
        return attention.cancelAndRelease(caller.get(), Ids.parse(id, "Payment"));
    }

    @POST
    @Path("{id}/mark-settled")
    @Operation(operationId = "markPaymentSettled", summary = "Mark a payment settled outside Marquee",
            description = "Staff settled the payment outside Marquee: it ends as its step would have (CAPTURED, VOIDED or REFUNDED), recorded with who did it")
    @APIResponse(responseCode = "200", description = "The payment's and the booking's status", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentAttention.Outcome.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CONFLICT: the payment does not need attention, or a capture's booking is no longer paid",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PaymentAttention.Outcome markSettled(@PathParam("id") String id) {
        return attention.markSettled(caller.get(), Ids.parse(id, "Payment"));
    }
}
