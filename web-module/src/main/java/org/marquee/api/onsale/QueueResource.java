package org.marquee.api.onsale;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.Problem;
import org.marquee.onsale.QueueTicketView;
import org.marquee.onsale.WaitingRooms;

/**
 * A place in a waiting room. Public: the ticket id is an unguessable capability (a browser's EventSource
 * cannot send a bearer token), and the admission token it yields is bound to the account that queued.
 */
@Path("/queue")
@RequestScoped
@Tag(name = "On-sale surge")
public class QueueResource {

    /** A stream ends after this long; EventSource clients reconnect by themselves. */
    private static final long STREAM_SECONDS = 600;
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private WaitingRooms rooms;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @GET
    @Path("{ticket}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getQueueTicket", summary = "Get a queue ticket",
            description = "Position, estimated wait and status of a queue ticket; once ADMITTED, the admission token; "
            + "while WAITING, nextPollSeconds says when to ask again")
    @APIResponse(responseCode = "200", description = "The ticket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueTicketView.class)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response get(@PathParam("ticket") String ticket) {
        // normally answered by QueuePollFilter before JAX-RS; here for what reaches the resource (errors)
        QueueTicketView view = rooms.ticket(Ids.parse(ticket, "Queue ticket"));
        return Response.ok(view).header(HttpHeaders.CACHE_CONTROL, cacheControl(view)).build();
    }

    /**
     * An answer carrying an admission token is the buyer's alone and is never stored; a waiting answer may
     * be kept by the buyer's browser until it is time to poll again.
     */
    static String cacheControl(QueueTicketView view) {
        return view.nextPollSeconds() == null ? "no-store" : "private, max-age=" + Math.max(0, view.nextPollSeconds() - 1);
    }

    @GET
    @Path("{ticket}/stream")
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamQueueTicket", summary = "Follow a queue ticket (server-sent events)",
            description = "The ticket as server-sent events (event: queue, data: the ticket), one whenever its position or "
            + "status changes; ends after ADMITTED or EXPIRED is sent (or after 10 minutes: reconnect)")
    @APIResponse(responseCode = "200", description = "The ticket's changes, as they happen",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "server-sent events: event: queue, data: the QueueTicketView as JSON")))
    @APIResponse(responseCode = "404", description = "NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public void stream(@PathParam("ticket") String ticket, @Context SseEventSink sink, @Context Sse sse) {
        UUID id = Ids.parse(ticket, "Queue ticket");
        QueueTicketView first = rooms.ticket(id);
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        long end = System.currentTimeMillis() + STREAM_SECONDS * 1000;
        Runnable push = () -> {
            try {
                QueueTicketView now = sink.isClosed() ? null : rooms.ticket(id);
                if (now != null && !(now.status() + now.position()).equals(last.get())) {
                    last.set(now.status() + now.position());
                    OutboundSseEvent event = sse.newEventBuilder().name("queue").data(JSON.toJson(now)).reconnectDelay(1000).build();
                    sink.send(event);
                }
                if (now == null || !QueueTicketView.WAITING.equals(now.status()) || System.currentTimeMillis() > end) {
                    close(sink, task.get());
                }
            } catch (RuntimeException e) {
                close(sink, task.get());
            }
        };
        sink.send(sse.newEventBuilder().comment("queue " + id).build());
        last.set(first.status() + first.position());
        sink.send(sse.newEventBuilder().name("queue").data(JSON.toJson(first)).reconnectDelay(1000).build());
        if (!QueueTicketView.WAITING.equals(first.status())) {
            sink.close();
            return;
        }
        task.set(scheduler.scheduleWithFixedDelay(push, 1, 1, TimeUnit.SECONDS));
    }

    private static void close(SseEventSink sink, ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
        sink.close();
    }
}
