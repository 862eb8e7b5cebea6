package org.marquee.api.booking;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.ClientAddresses;
import org.marquee.api.IdempotentRequests;
import org.marquee.api.Ids;
import org.marquee.api.Paging;
import org.marquee.api.Problem;
import org.marquee.booking.BookingPage;
import org.marquee.booking.BookingService;
import org.marquee.identity.Caller;
import org.marquee.identity.Roles;
import org.marquee.api.identity.CurrentCaller;
import org.marquee.api.MarqueeApi;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.marquee.booking.BookingView;
import org.marquee.booking.HoldRequest;
import org.marquee.onsale.HoldGate;

@Path("/bookings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CUSTOMER, Roles.BOX_OFFICE, Roles.ADMIN})
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "Bookings")
public class BookingResource {

    /** The body of a confirm request. */
    public record Confirm(@Schema(required = true, example = "tok_visa", description = "the payment provider's card token") String paymentToken) {
    }

    @EJB
    private BookingService bookings;

    @Inject
    private CurrentCaller currentCaller;

    @Inject
    private BookingIntake intake;

    @Inject
    private ClientAddresses clientAddresses;

    @Context
    private HttpServletRequest servletRequest;

    @Context
    private UriInfo uriInfo;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "holdSeats", summary = "Hold seats",
            description = "Hold seats: numbered seats all or nothing ({eventId, seatIds}), or a quantity of a seat type "
            + "({eventId, seatTypeId, quantity}: adjacent where possible). Send an Idempotency-Key to retry safely.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldRequest.class)))
    @APIResponse(responseCode = "201", description = "Held (PENDING_PAYMENT) until expiresAt",
            headers = {@Header(name = "Location", description = "the booking's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(ref = IdempotentRequests.REPLAYED)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "SALE_NOT_OPEN, or NOT_ADMITTED (the event has a waiting room: send its admission token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "SEATS_UNAVAILABLE (unavailableSeatIds lists them)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "LIMIT_EXCEEDED or IDEMPOTENCY_CONFLICT", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many hold attempts from the account or address (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public void hold(@Suspended AsyncResponse async,
                     @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "client-chosen key of this intention: the same key and body again get the first answer") String key,
                     @HeaderParam(HoldGate.ADMISSION_HEADER) @Parameter(description = "admission token from the event's waiting room "
                             + "(admissionToken of its queue ticket), required while the event has one",
                             schema = @Schema(type = SchemaType.STRING)) String admission,
                     String body) {
        String bookings = uriInfo.getBaseUriBuilder().path("bookings").build().toString();
        intake.hold(caller(), clientAddresses.of(servletRequest), key, admission, body, bookings).whenComplete((answer, failure) -> {
            if (failure == null) {
                async.resume(answer);
            } else {
                // resume(Throwable), not resume(Object): a failure is mapped to its problem, never written as an entity
                async.resume(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
    }

    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmBooking", summary = "Pay for a hold and buy its seats",
            description = "Pay for a hold and buy its seats; returns the PAID booking with signed tickets")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Confirm.class)))
    @APIResponse(responseCode = "200", description = "PAID, with tickets", headers = @Header(ref = IdempotentRequests.REPLAYED),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "402", description = "PAYMENT_DECLINED: the hold stays until it expires", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "HOLD_EXPIRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_CONFLICT: the key was used with another body", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "PAYMENT_UNAVAILABLE: the provider did not answer; the hold stays", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response confirm(@PathParam("id") String id,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "client-chosen key of this intention: the same key and body again get the first answer") String key, String body) {
        return intake.confirm(caller(), Ids.parse(id, "Booking"), key, body);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelBooking", summary = "Cancel a booking",
            description = "Cancel: a hold is released; a paid booking is refunded and its seats released")
    @APIResponse(responseCode = "200", description = "The booking, CANCELLED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BookingView cancel(@PathParam("id") String id) {
        return bookings.cancel(caller(), Ids.parse(id, "Booking"));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getBooking", summary = "Get a booking",
            description = "One booking (your own; staff: any)")
    @APIResponse(responseCode = "200", description = "The booking",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND (also for another customer's booking)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BookingView get(@PathParam("id") String id) {
        return bookings.get(caller(), Ids.parse(id, "Booking"));
    }

    @GET
    @Operation(operationId = "listBookings", summary = "List bookings",
            description = "Your bookings, newest first (staff: everyone's)")
    @APIResponse(responseCode = "200", description = "A page of bookings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingPage.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: page or size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public BookingPage list(@QueryParam("page") @Parameter(description = "page number, from 0") String page,
                            @QueryParam("size") @Parameter(description = "bookings a page") String size) {
        Paging paging = Paging.of(page, size);
        return bookings.list(caller(), paging.page(), paging.size());
    }

    private Caller caller() {
        return currentCaller.get();
    }
}
