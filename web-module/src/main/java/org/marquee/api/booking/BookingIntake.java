package org.marquee.api.booking;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.marquee.api.IdempotentRequests;
import org.marquee.booking.BookingService;
import org.marquee.booking.HoldBatcher;
import org.marquee.booking.HoldCommand;
import org.marquee.booking.HoldRequest;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Caller;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.onsale.HoldGate;

/**
 * Takes the two writes of a sale, a hold ({@code POST /api/v1/bookings}) and a confirm ({@code POST
 * /api/v1/bookings/{id}/confirm}), from whichever door they came in by: {@link BookingFilter} before
 * JAX-RS, or {@link BookingResource}. Reads the idempotency key and the body, passes a hold through the
 * gate (rate limits, waiting room) to the node's batch of holds, and a confirm to the booking service.
 */
@ApplicationScoped
public class BookingIntake {

    static final String HOLD_SCOPE = "POST /bookings";

    @Inject
    private IdempotentRequests idempotent;

    @Inject
    private HoldGate gate;

    @Inject
    private HoldBatcher batcher;

    @EJB
    private BookingService bookings;

    /**
     * The hold's answer, completed when its batch commits, or a failure for the caller to map to its
     * problem (an invalid key header, a malformed body, a refusal raised outside the batch).
     *
     * @param collection the absolute URI of the bookings collection, for the new booking's Location
     */
    CompletableFuture<Response> hold(Caller caller, String address, String keyHeader, String admission, String body, String collection) {
        IdempotencyStore.Key key;
        HoldRequest request;
        try {
            key = idempotent.key(keyHeader, caller.id().toString(), HOLD_SCOPE, body);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        try {
            request = BookingAnswers.parse(body, HoldRequest.class);
            gate.check(caller, address, admission, request);
        } catch (RuntimeException refused) {
            return refused(key, refused, false);
        }
        try {
            return batcher.submit(HoldCommand.of(caller.id(), request, key), key == null ? null : BookingAnswers.BODIES)
                    .thenApply(answer -> BookingAnswers.hold(answer, collection));
        } catch (MarqueeException refused) {
            return refused(key, refused, true);
        }
    }

    /** A hold refused before its batch: the key's first answer if it has one, else the refusal. */
    private CompletableFuture<Response> refused(IdempotencyStore.Key key, RuntimeException refusal, boolean record) {
        try {
            return CompletableFuture.completedFuture(idempotent.refusedBeforeRun(key, refusal, record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Pays for a hold: the PAID booking, or the key's first answer. Refusals are thrown, for the caller
     * to map to their problem.
     */
    Response confirm(Caller caller, UUID bookingId, String keyHeader, String body) {
        IdempotencyStore.Key key = idempotent.key(keyHeader, caller.id().toString(), "POST /bookings/" + bookingId + "/confirm", body);
        BookingResource.Confirm confirm;
        try {
            confirm = BookingAnswers.parse(body, BookingResource.Confirm.class);
        } catch (RuntimeException refused) {
            return idempotent.refusedBeforeRun(key, refused, false);
        }
        // a replay is found by the confirm's first transaction; a success is recorded by its last
        return idempotent.run(key, true, () -> {
            BookingService.ConfirmAnswer answer = bookings.confirm(caller, bookingId, confirm.paymentToken(), key,
                    key == null ? null : BookingAnswers.BODIES);
            if (answer instanceof BookingService.ConfirmAnswer.Replayed replayed) {
                return IdempotentRequests.replayed(replayed.status(), replayed.body());
            }
            BookingService.ConfirmAnswer.Paid paid = (BookingService.ConfirmAnswer.Paid) answer;
            return Response.ok(paid.body() != null ? paid.body() : BookingAnswers.JSON.toJson(paid.view()))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }
}
