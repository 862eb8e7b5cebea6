package org.marquee.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.domain.idempotency.IdempotencyRecord;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.idempotency.IdempotentReplay;

/**
 * The {@code Idempotency-Key} protocol for POSTs that create or pay: the same key with the same body
 * gets the first answer (marked {@code Idempotent-Replayed: true}); the same key with another body is
 * 422 IDEMPOTENCY_CONFLICT. Keys are scoped to the caller and the operation.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    @EJB
    private IdempotencyStore store;

    /** The key of this request, or null when the client sent none. Validates the header. */
    public IdempotencyStore.Key key(String header, String principal, String scope, String body) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > 255 || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw MarqueeException.invalid(HEADER, "must be 1-255 visible ASCII characters");
        }
        return new IdempotencyStore.Key(principal, scope, header, sha256(body == null ? "" : body.strip()));
    }

    /** The recorded answer to replay, if this key was seen; 422 if it was seen with another request. */
    public Optional<Response> replay(IdempotencyStore.Key key) {
        if (key == null) {
            return Optional.empty();
        }
        return store.find(key).map(r -> replayOf(key, r));
    }

    /**
     * Runs the operation, recording a failure as the key's answer too. {@code inTransaction} operations
     * record their success themselves, in their own transaction; others are recorded here afterwards.
     */
    public Response run(IdempotencyStore.Key key, boolean recordsItsOwnSuccess, java.util.function.Supplier<Response> operation) {
        try {
            Response response = operation.get();
            if (key != null && !recordsItsOwnSuccess) {
                store.recordAfterwards(key, response.getStatus(), String.valueOf(response.getEntity()));
            }
            return response;
        } catch (IdempotentReplay replay) {
            return replayOf(key, replay.record());
        } catch (MarqueeException e) {
            if (key != null && isFinal(e)) {
                store.recordAfterwards(key, e.code().status(), Problem.body(e.code().status(), e.code(), e.getMessage(), e.errors(), e.extensions()));
            }
            throw e;
        }
    }

    /**
     * A request refused before it reached its operation (a malformed body, a gate, validation): a key
     * already answered replays that answer; otherwise the refusal is the answer, recorded for the key
     * when {@code record} (as {@link #run} records failures) and it is a client error. The lookup costs
     * a database read only on this refusal path; accepted requests look their key up where they run.
     */
    public Response refusedBeforeRun(IdempotencyStore.Key key, RuntimeException refusal, boolean record) {
        Optional<Response> replay = replay(key);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (key != null && record && refusal instanceof MarqueeException e && isFinal(e)) {
            store.recordAfterwards(key, e.code().status(), Problem.body(e.code().status(), e.code(), e.getMessage(), e.errors(), e.extensions()));
        }
        throw refusal;
    }

    /** A client error is the key's answer, unless it asks the client to retry (Retry-After): then the retry runs again. */
    private static boolean isFinal(MarqueeException e) {
        return e.code().status() < 500 && !e.extensions().containsKey(MarqueeException.RETRY_AFTER_SECONDS);
    }

    private static Response replayOf(IdempotencyStore.Key key, IdempotencyRecord record) {
        if (!record.getRequestHash().equals(key.requestHash())) {
            throw new MarqueeException(ProblemCode.IDEMPOTENCY_CONFLICT,
                    "Idempotency-Key " + key.key() + " was used for a different request", List.of(), java.util.Map.of());
        }
        return replayed(record.getResponseStatus(), record.getResponseBody());
    }

    /** The recorded answer, sent again. */
    public static Response replayed(int status, String body) {
        return Response.status(status)
                .type(status >= 400 ? Problem.PROBLEM_JSON : MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .header(REPLAYED, "true")
                .build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
