package org.marquee.api.onsale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.api.identity.CurrentCaller;
import org.marquee.identity.Roles;
import org.marquee.onsale.QueueTicketView;
import org.marquee.onsale.WaitingRooms;

@Path("/events/{id}/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "On-sale surge")
public class QueueJoinResource {

    @EJB
    private WaitingRooms rooms;

    @Inject
    private CurrentCaller caller;

    @Context
    private UriInfo uriInfo;

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Join the event's waiting room. One place per account: joining again returns the same ticket. "
            + "Everyone who joins before the sale opens gets a random place at opening; later arrivals queue in order.")
    @APIResponse(responseCode = "201", description = "The ticket: WAITING, or ADMITTED with admissionToken and admittedUntil",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueTicketView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "QUEUE_CLOSED: the event has no enabled waiting room",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response join(@PathParam("id") String id) {
        QueueTicketView ticket = rooms.join(caller.get(), Ids.parse(id, "Event"));
        return Response.created(uriInfo.getBaseUriBuilder().path("queue").path(ticket.ticket().toString()).build())
                .entity(ticket).build();
    }
}
