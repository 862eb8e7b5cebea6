package org.marquee.api.catalog;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
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
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.catalog.NewEvent;
import org.marquee.identity.Roles;

@Path("/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Create, change and view events")
public class EventResource {

    @EJB
    private EventCatalog catalog;

    @Context
    private UriInfo uriInfo;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR, Roles.BOX_OFFICE})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an event with its venue, performers, sale window and seat types (ADMIN, INTEGRATOR, BOX_OFFICE)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewEvent.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names the event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, with the invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the caller's role may not create events",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CONFLICT: the code is taken", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(NewEvent request) {
        EventView created = catalog.create(request);
        return Response.created(uriInfo.getBaseUriBuilder().path("events").path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "An event with its seat types and their availability")
    @APIResponse(responseCode = "200", description = "The event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public EventView get(@PathParam("id") String id) {
        UUID eventId = Ids.parse(id, "Event");
        return catalog.find(eventId);
    }
}
