package org.marquee.api.onsale;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.Problem;
import org.marquee.catalog.EventViews;
import org.marquee.onsale.SeatChange;
import org.marquee.onsale.SeatStream;

@Path("/events/{id}/seats/stream")
@RequestScoped
@Tag(name = "On-sale surge")
public class SeatStreamResource {

    @EJB
    private SeatStream stream;

    @Inject
    private EventViews views;

    @GET
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamSeatChanges", summary = "Follow seat changes of an event (server-sent events)",
            description = "Live seat changes of the event as server-sent events: event: seat, data: {seatId, seatTypeId, status}, "
            + "with ids. Reconnect with Last-Event-ID to get what was missed; event: resync means reload GET /events/{id}/seats. "
            + "A client that does not keep up is disconnected.")
    @APIResponse(responseCode = "200", description = "Seat changes as they happen; starts at once with a comment line",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "server-sent events with ids: event: seat, data: {seatId, seatTypeId, status} as JSON; "
                            + "event: resync: reload the seats")))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public void stream(@PathParam("id") String id,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) @Parameter(description = "the id of the last event received: "
                               + "the stream resumes after it", schema = @Schema(type = SchemaType.STRING)) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        UUID eventId = Ids.parse(id, "Event");
        views.view(eventId);   // 404 for an unknown event (cached view)
        sink.send(sse.newEventBuilder().comment("seats of event " + eventId).build());
        stream.watch(eventId, lastEventId == null || lastEventId.isBlank() ? null : lastEventId.strip(), new SinkWatcher(eventId, sink, sse));
    }

    private final class SinkWatcher implements SeatStream.Watcher {
        private final UUID eventId;
        private final SseEventSink sink;
        private final Sse sse;
        private final AtomicInteger inFlight = new AtomicInteger();

        SinkWatcher(UUID eventId, SseEventSink sink, Sse sse) {
            this.eventId = eventId;
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public boolean deliver(SeatChange change) {
            if (sink.isClosed() || inFlight.get() >= SeatStream.MAX_BACKLOG) {
                return false;
            }
            var json = Json.createObjectBuilder().add("seatId", change.seatId().toString())
                    .add("seatTypeId", change.seatTypeId().toString()).add("status", change.status());
            if (change.index() != null) {
                json.add("index", change.index());
            }
            String data = json.build().toString();
            inFlight.incrementAndGet();
            sink.send(sse.newEventBuilder().name("seat").id(change.id()).data(data).build())
                    .whenComplete((ok, failed) -> {
                        inFlight.decrementAndGet();
                        if (failed != null) {
                            close();
                        }
                    });
            return true;
        }

        @Override
        public void resync() {
            sink.send(sse.newEventBuilder().name("resync").data("reload the seat map").build());
        }

        @Override
        public void ping() {
            if (sink.isClosed()) {
                close();
                return;
            }
            sink.send(sse.newEventBuilder().comment("keep-alive").build()).whenComplete((ok, failed) -> {
                if (failed != null) {
                    close();
                }
            });
        }

        @Override
        public void close() {
            stream.unwatch(eventId, this);
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}
