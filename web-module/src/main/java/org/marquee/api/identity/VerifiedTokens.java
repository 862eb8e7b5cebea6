package org.marquee.api.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens this node has already verified, by the SHA-256 of the token, until they expire. A signed
 * token cannot change, so its signature, issuer and claims check out the same way on every call; a
 * buyer who sends the same token a hundred times during a sale has it parsed and its RS256 signature
 * verified once. An entry is served only before the token's own {@code exp}, so caching never extends a
 * token's life. The cache is bounded: past {@link #MAX_ENTRIES} expired entries go first, then all.
 */
public final class VerifiedTokens {

    /** One verified token: who it names, the groups it grants, when it expires (epoch milliseconds). */
    public record Verified(Principal caller, Set<String> groups, long expiresAtMillis) {
    }

    static final int MAX_ENTRIES = 200_000;

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public VerifiedTokens() {
        this(System::currentTimeMillis);
    }

    VerifiedTokens(LongSupplier clock) {
        this.clock = clock;
    }

    /** The verification of this token if it was verified before and has not expired, else null. */
    public Verified find(String token) {
        Verified found = verified.get(key(token));
        if (found == null) {
            return null;
        }
        if (clock.getAsLong() >= found.expiresAtMillis()) {
            verified.remove(key(token), found);
            return null;
        }
        return found;
    }

    /** Remembers a token the container has just verified. */
    public void remember(String token, Verified verification) {
        long now = clock.getAsLong();
        if (verification.expiresAtMillis() <= now) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key(token), verification);
    }

    int size() {
        return verified.size();
    }

    private static String key(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
