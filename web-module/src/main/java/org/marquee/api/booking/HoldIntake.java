package org.marquee.api.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import org.marquee.api.IdempotentRequests;
import org.marquee.booking.HoldBatcher;
import org.marquee.booking.HoldCommand;
import org.marquee.booking.HoldRequest;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Caller;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.onsale.HoldGate;

/**
 * Takes a hold request ({@code POST /api/v1/bookings}) from whichever door it came in by, the JAX-RS
 * resource or {@link HoldFilter}: reads its key and body, passes it through the gate (rate limits,
 * waiting room) and hands it to the node's batch of holds. The answer completes when the batch commits.
 */
@ApplicationScoped
public class HoldIntake {

    static final String SCOPE = "POST /bookings";

    @Inject
    private IdempotentRequests idempotent;

    @Inject
    private HoldGate gate;

    @Inject
    private HoldBatcher batcher;

    /**
     * The hold's answer, or a failure for the caller to map to its problem (an invalid key header, a
     * malformed body, a refusal raised outside the batch).
     *
     * @param bookings the absolute URI of the bookings collection, for the new booking's Location
     */
    CompletableFuture<Response> hold(Caller caller, String address, String keyHeader, String admission, String body, String bookings) {
        IdempotencyStore.Key key;
        HoldRequest request;
        try {
            key = idempotent.key(keyHeader, caller.id().toString(), SCOPE, body);
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
                    .thenApply(answer -> BookingAnswers.hold(answer, bookings));
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
}
