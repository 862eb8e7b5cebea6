package org.marquee.api.onsale;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
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
import org.marquee.error.MarqueeException;
import org.marquee.onsale.QueueStateView;
import org.marquee.onsale.QueueTicketView;
import org.marquee.onsale.WaitingRooms;

@Path("/events/{id}/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
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
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Operation(operationId = "joinWaitingRoom", summary = "Join the waiting room of an event",
            description = "Join the event's waiting room. One place per account: joining again returns the same ticket. "
            + "Everyone who joins before the sale opens gets a random place at opening; later arrivals queue in order.")
    @APIResponse(responseCode = "201", description = "The ticket: WAITING, or ADMITTED with admissionToken and admittedUntil",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueTicketView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "QUEUE_CLOSED: the event has no enabled waiting room",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response join(@PathParam("id") String id) {
        return joined(rooms.join(caller.get(), Ids.parse(id, "Event")));
    }

    @GET
    @PermitAll
    @Operation(operationId = "getWaitingRoomState", summary = "Get the public state of an event's waiting room",
            description = "The event's waiting room as everyone sees it: on or off, open or not, the sale start, the admission "
            + "rate, how many joined and the last place admitted; the same for every buyer, so shared caches may keep it a second")
    @APIResponse(responseCode = "200", description = "The room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueStateView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: the event has no waiting room", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response state(@PathParam("id") String id) {
        UUID eventId = Ids.parse(id, "Event");
        QueueStateView state = rooms.state(eventId).orElseThrow(() -> MarqueeException.notFound("Waiting room of event", eventId));
        return Response.ok(state).header(HttpHeaders.CACHE_CONTROL, "public, max-age=1, s-maxage=1").build();
    }

    private Response joined(QueueTicketView ticket) {
        return Response.created(uriInfo.getBaseUriBuilder().path("queue").path(ticket.ticket().toString()).build())
                .entity(ticket).build();
    }
}
