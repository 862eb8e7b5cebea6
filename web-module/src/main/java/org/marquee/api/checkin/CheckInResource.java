package org.marquee.api.checkin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.marquee.api.identity.CurrentCaller;
import org.marquee.checkin.Admission;
import org.marquee.checkin.CheckInSummary;
import org.marquee.checkin.CheckIns;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Roles;

/** Check-in at the door: door staff, box office and administrators. */
@Path("/events/{id}/check-ins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DOOR, Roles.BOX_OFFICE, Roles.ADMIN})
@SecurityRequirement(name = MarqueeApi.BEARER)
@Tag(name = "Tickets and check-in")
public class CheckInResource {

    private static final Jsonb JSON = JsonbBuilder.create();

    /** What the door scanned: a printed code (MQ1.…) or a phone's rotating code (MQR.…). */
    public record Scan(@Schema(required = true, description = "printed or rotating ticket code") String code) {
    }

    @EJB
    private CheckIns checkIns;

    @Inject
    private CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkIn", summary = "Check a ticket in",
            description = "Let a ticket in by its printed or rotating code. Each ticket is admitted exactly once, however many doors "
            + "scan it at the same moment; a void ticket never is")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Scan.class)))
    @APIResponse(responseCode = "200", description = "ADMITTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Admission.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: no code", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such event", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "ALREADY_CHECKED_IN, with the ticket's details and the first checkedInAt",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "INVALID_CODE (bad signature, unknown, or a rotating code past its time), "
            + "WRONG_EVENT or TICKET_VOID, with the ticket's details where known", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response checkIn(@PathParam("id") String id, String body) {
        if (body == null || body.isBlank()) {
            throw MarqueeException.invalid("code", "is required");
        }
        Scan scan = JSON.fromJson(body, Scan.class);
        if (scan == null) {
            throw MarqueeException.invalid("code", "is required");
        }
        Admission admitted = checkIns.admit(caller.get(), Ids.parse(id, "Event"), scan.code());
        return Response.ok(JSON.toJson(admitted), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("summary")
    @Operation(operationId = "getCheckInSummary", summary = "Get the check-in summary of an event",
            description = "Places sold and tickets checked in, in all and per seat type (live)")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckInSummary.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such event", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response summary(@PathParam("id") String id) {
        CheckInSummary summary = checkIns.summary(caller.get(), Ids.parse(id, "Event"));
        return Response.ok(JSON.toJson(summary), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
