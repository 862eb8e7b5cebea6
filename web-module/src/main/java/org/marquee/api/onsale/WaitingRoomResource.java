package org.marquee.api.onsale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Roles;
import org.marquee.onsale.WaitingRoomSettings;
import org.marquee.onsale.WaitingRoomView;
import org.marquee.onsale.WaitingRooms;

@Path("/events/{id}/waiting-room")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "On-sale surge")
public class WaitingRoomResource {

    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private WaitingRooms rooms;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.BOX_OFFICE})
    @Operation(operationId = "configureWaitingRoom", summary = "Configure the waiting room of an event",
            description = "Switch the event's waiting room on or off and set its admission rate and shopping window. "
            + "While enabled, holds for the event need an admission token (Marquee-Admission).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WaitingRoomSettings.class)))
    @APIResponse(responseCode = "200", description = "The stored settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WaitingRoomView.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WaitingRoomView put(@PathParam("id") String id, String body) {
        if (body == null || body.isBlank()) {
            throw MarqueeException.invalid("body", "is required");
        }
        return rooms.configure(Ids.parse(id, "Event"), JSON.fromJson(body, WaitingRoomSettings.class));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.BOX_OFFICE})
    @Operation(operationId = "getWaitingRoom", summary = "Get the waiting-room settings of an event",
            description = "The event's waiting-room settings and how many have queued")
    @APIResponse(responseCode = "200", description = "The stored settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WaitingRoomView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such event, or it never had a waiting room",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WaitingRoomView get(@PathParam("id") String id) {
        java.util.UUID eventId = Ids.parse(id, "Event");
        return rooms.settings(eventId).orElseThrow(() -> MarqueeException.notFound("Waiting room of event", eventId));
    }
}
