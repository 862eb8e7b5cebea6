package org.marquee.api.checkin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.api.identity.CurrentCaller;
import org.marquee.checkin.CheckIns;
import org.marquee.checkin.QrCodes;
import org.marquee.checkin.TicketStatus;
import org.marquee.checkin.TicketView;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Roles;

/** The tickets of a paid booking, with their rotating door codes and QR images. */
@Path("/bookings/{id}/tickets")
@RequestScoped
@RolesAllowed({Roles.CUSTOMER, Roles.BOX_OFFICE, Roles.ADMIN})
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "Tickets and check-in")
public class TicketResource {

    static final String SVG = "image/svg+xml";
    private static final String PNG = "image/png";

    @EJB
    private CheckIns checkIns;

    @Inject
    private CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTickets", summary = "List the tickets of a booking",
            description = "The booking's tickets (its customer or staff). code is the rotating door code for a phone, valid until "
            + "codeExpiresAt (at most 60 s ahead: a screenshot stops working); the printed code of the confirm stays valid too")
    @APIResponse(responseCode = "200", description = "The tickets; status VALID, CHECKED_IN or VOID (cancelled or refunded: no code)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND (also another customer's booking)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "NOT_PAID: the booking was never paid", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response tickets(@PathParam("id") String id) {
        List<TicketView> tickets = checkIns.tickets(caller.get(), Ids.parse(id, "Booking"));
        return Response.ok(tickets, MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    @GET
    @Path("{ticketId}/qr")
    @Produces({PNG, SVG})
    @Operation(operationId = "getTicketQrCode", summary = "Get the QR image of a ticket",
            description = "A QR image of the ticket's current door code: PNG, or SVG with Accept: image/svg+xml")
    @APIResponse(responseCode = "200", description = "The QR image", content = {
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "NOT_PAID", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "TICKET_VOID: a cancelled or refunded ticket has no code", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response qr(@PathParam("id") String id, @PathParam("ticketId") String ticketId,
                       @HeaderParam(HttpHeaders.ACCEPT) @Parameter(hidden = true) String accept) {
        TicketView ticket = checkIns.ticket(caller.get(), Ids.parse(id, "Booking"), Ids.parse(ticketId, "Ticket"));
        if (ticket.status() == TicketStatus.VOID) {
            throw new MarqueeException(ProblemCode.TICKET_VOID, "The ticket was cancelled or refunded");
        }
        boolean svg = prefersSvg(accept);
        Object image = svg ? QrCodes.svg(ticket.code()) : QrCodes.png(ticket.code());
        return Response.ok(image, svg ? SVG : PNG).cacheControl(noStore()).build();
    }

    /** SVG only when asked for ahead of PNG; anything else (a browser's image/*, nothing, PNG) gets PNG. */
    static boolean prefersSvg(String accept) {
        if (accept == null) {
            return false;
        }
        int svg = accept.indexOf(SVG);
        int png = accept.indexOf(PNG);
        return svg >= 0 && (png < 0 || svg < png);
    }

    /** A door code is good for a minute: nothing may keep it. */
    static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        c.setNoCache(true);
        return c;
    }
}
