package org.marquee.onsale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.marquee.identity.Secrets;

/**
 * Admission tokens: {@code MA1.<event, account, admittedUntil>.<HMAC-SHA256>}, signed with a key derived
 * from the installation's signing key (so every node verifies what any node issued) and checked on every
 * hold for a protected event without touching the database.
 */
@ApplicationScoped
public class AdmissionTokens {

    private static final String PREFIX = "MA1.";
    private static final int BODY = 16 + 16 + 8;
    private static final int MAC = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private byte[] key;

    @PostConstruct
    void loadKey() {
        key = Secrets.derive("marquee admission token v1");
    }

    public String issue(UUID eventId, UUID accountId, Instant until) {
        byte[] body = ByteBuffer.allocate(BODY)
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits())
                .putLong(until.getEpochSecond()).array();
        return PREFIX + B64.encodeToString(body) + "." + B64.encodeToString(mac(body));
    }

    /** True if the token was issued by this installation for this event and account and has not expired. */
    public boolean valid(String token, UUID eventId, UUID accountId, Instant now) {
        if (token == null || token.length() > 200 || !token.startsWith(PREFIX)) {
            return false;
        }
        int dot = token.indexOf('.', PREFIX.length());
        byte[] body;
        byte[] mac;
        try {
            body = B64D.decode(token.substring(PREFIX.length(), dot < 0 ? token.length() : dot));
            mac = dot < 0 ? new byte[0] : B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (body.length != BODY || !MessageDigest.isEqual(mac, mac(body))) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        UUID event = new UUID(b.getLong(), b.getLong());
        UUID account = new UUID(b.getLong(), b.getLong());
        long until = b.getLong();
        return event.equals(eventId) && account.equals(accountId) && now.getEpochSecond() < until;
    }

    private byte[] mac(byte[] body) {
        return Arrays.copyOf(Secrets.hmac(key, body), MAC);
    }
}
