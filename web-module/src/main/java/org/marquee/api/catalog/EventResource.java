package org.marquee.api.catalog;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.Paging;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.booking.BookingService;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventPage;
import org.marquee.catalog.EventView;
import org.marquee.catalog.EventViews;
import org.marquee.catalog.NewEvent;
import org.marquee.catalog.ReadyView;
import org.marquee.catalog.SeatLayout;
import org.marquee.catalog.SeatMaps;
import org.marquee.catalog.SeatStatusView;
import org.marquee.catalog.SeatView;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Roles;

@Path("/events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    /** Views change with availability, so CDNs and browsers may keep them only briefly. */
    static final String VIEW_CACHING = "public, max-age=2, s-maxage=2, stale-while-revalidate=5";
    /** Seat statuses are at most a second old on the server; a CDN may share them for that second. */
    static final String SEAT_STATUS_CACHING = "public, max-age=1, s-maxage=1";
    /** A layout never changes once the event exists. */
    static final String SEAT_LAYOUT_CACHING = "public, max-age=86400";
    static final String LIST_CACHING = "public, max-age=5, s-maxage=5";

    @EJB
    private EventCatalog catalog;

    @Inject
    private EventViews views;

    @Inject
    private SeatMaps seatMaps;

    @EJB
    private BookingService bookings;

    @Context
    private UriInfo uriInfo;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR, Roles.BOX_OFFICE})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEvent", summary = "Create an event",
            description = "Create an event with its venue, performers, sale window and seat types (ADMIN, INTEGRATOR, BOX_OFFICE)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewEvent.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names the event",
            headers = @Header(name = HttpHeaders.LOCATION, description = "the event's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
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
    @PermitAll
    @Operation(operationId = "listEvents", summary = "List upcoming events",
            description = "Upcoming events, soonest first")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: page or size out of range", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response list(@QueryParam("page") @Parameter(description = "page number, from 0") String page,
                         @QueryParam("size") @Parameter(description = "1-100, default 20") String size) {
        Paging paging = Paging.of(page, size);
        return ready(views.readyList(paging.page(), paging.size()), null, LIST_CACHING);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getEvent", summary = "Get an event",
            description = "An event with its seat types and their availability (fresh within a second); carries an ETag")
    @APIResponse(responseCode = "200", description = "The event", headers = @Header(ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)", headers = @Header(ref = "ETag"))
    @APIResponse(responseCode = "404", description = "NOT_FOUND (also for an id that is not a UUID)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response get(@PathParam("id") String id,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "the ETag of a copy the client has") String ifNoneMatch) {
        // normally answered by EventViewFilter before JAX-RS; here for what reaches the resource (errors, odd paths)
        return ready(views.ready(Ids.parse(id, "Event")), ifNoneMatch, VIEW_CACHING);
    }

    @GET
    @Path("{id}/seats/layout")
    @PermitAll
    @Operation(operationId = "getSeatLayout", summary = "Get the seat layout of an event",
            description = "Where the numbered seats are: seat types, sections, rows and seats (id, number) in seat-map order; "
            + "it never changes once the event exists, so it may be cached for long (ETag)")
    @APIResponse(responseCode = "200", description = "The layout", headers = @Header(ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatLayout.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)", headers = @Header(ref = "ETag"))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response seatLayout(@PathParam("id") String id,
                               @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "the ETag of a copy the client has") String ifNoneMatch) {
        return ready(seatMaps.layout(Ids.parse(id, "Event")), ifNoneMatch, SEAT_LAYOUT_CACHING);
    }

    @GET
    @Path("{id}/seats/status")
    @PermitAll
    @Operation(operationId = "getSeatStatuses", summary = "Get the seat statuses of an event",
            description = "Every numbered seat's status at most a second ago, two bits a seat in the layout's order "
            + "(Base64; 0 AVAILABLE, 1 HELD, 2 SOLD; four seats a byte, the first in the high bits), with the counts (ETag)")
    @APIResponse(responseCode = "200", description = "The statuses", headers = @Header(ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatStatusView.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)", headers = @Header(ref = "ETag"))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response seatStatus(@PathParam("id") String id,
                               @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Parameter(description = "the ETag of a copy the client has") String ifNoneMatch) {
        return ready(seatMaps.statuses(Ids.parse(id, "Event")), ifNoneMatch, SEAT_STATUS_CACHING);
    }

    /** A ready answer through JAX-RS (EventViewFilter serves the same bytes, compressed when asked, before JAX-RS). */
    private static Response ready(ReadyView view, String ifNoneMatch, String caching) {
        Response.ResponseBuilder answer = view.matches(ifNoneMatch) ? Response.notModified()
                : Response.ok(view.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.header(HttpHeaders.ETAG, view.etag()).header(HttpHeaders.CACHE_CONTROL, caching).build();
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR, Roles.BOX_OFFICE})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateEvent", summary = "Change an event",
            description = "Change descriptive fields and the sale window (JSON merge patch, RFC 7396)")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = EventPatch.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPatch.class))})
    @APIResponse(responseCode = "200", description = "The changed event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "FORBIDDEN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CONFLICT: the event is cancelled, or changed concurrently", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public EventView patch(@PathParam("id") String id, String body) {
        UUID eventId = Ids.parse(id, "Event");
        return catalog.patch(eventId, EventMergePatch.read(jsonObject(body)));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR, Roles.BOX_OFFICE})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Operation(operationId = "cancelEvent", summary = "Cancel an event",
            description = "Cancel the event: it leaves listings and search, nothing more can be sold, its holds are released "
            + "and its paid bookings cancelled and refunded (idempotent)")
    @APIResponse(responseCode = "200", description = "The cancelled event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "FORBIDDEN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public EventView cancel(@PathParam("id") String id) {
        UUID eventId = Ids.parse(id, "Event");
        return bookings.cancelEvent(eventId);
    }

    @GET
    @Path("{id}/seats")
    @PermitAll
    @Operation(operationId = "listSeats", summary = "List the numbered seats of an event",
            description = "The seat map: numbered seats with their status (general-admission places are counted, not listed)")
    @APIResponse(responseCode = "200", description = "The seats in seat-map order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = SeatView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such event, or the seat type is not one of its", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response seats(@PathParam("id") String id,
                          @QueryParam("seatTypeId") @Parameter(description = "only the seats of this seat type",
                                  schema = @Schema(type = SchemaType.STRING, format = "uuid")) String seatTypeId) {
        UUID eventId = Ids.parse(id, "Event");
        UUID typeId = null;
        if (seatTypeId != null && !seatTypeId.isEmpty()) {
            try {
                typeId = UUID.fromString(seatTypeId);
            } catch (IllegalArgumentException e) {
                throw MarqueeException.invalid("seatTypeId", "must be a UUID");
            }
        }
        List<SeatView> seats = catalog.seats(eventId, typeId);
        return Response.ok(seats).cacheControl(CacheControl.valueOf("no-cache")).build();
    }

    private static JsonObject jsonObject(String body) {
        if (body == null || body.isBlank()) {
            throw MarqueeException.invalid("body", "is required");
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MarqueeException.invalid("body", "must be a JSON object (a merge patch)");
        }
        return value.asJsonObject();
    }

}
