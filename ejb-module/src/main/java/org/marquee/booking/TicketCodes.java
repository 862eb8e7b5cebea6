package org.marquee.booking;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.marquee.identity.Secrets;

/**
 * Signed ticket codes: {@code MQ1.<ticket id>.<HMAC-SHA256 of ticket and seat>}, so a scanner holding
 * the key can verify a ticket offline and a forged or altered code fails (the scanner side is not built yet). The key is generated when the
 * domain is provisioned ({@code <marquee.secrets.dir>/ticket-signing.key}) and never leaves the server.
 */
@ApplicationScoped
public class TicketCodes {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private byte[] key;

    @PostConstruct
    void loadKey() {
        key = Secrets.read(Secrets.SIGNING_KEY);
    }

    public String code(UUID ticketId, UUID seatId) {
        return "MQ1." + B64.encodeToString(bytes(ticketId)) + "." + B64.encodeToString(sign(ticketId, seatId));
    }

    /** The ticket id a code names, if it has the shape of one (its signature is not checked here). */
    public java.util.Optional<UUID> ticketId(String code) {
        String[] parts = code == null ? new String[0] : code.trim().split("\\.");
        if (parts.length != 3 || !"MQ1".equals(parts[0])) {
            return java.util.Optional.empty();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[1]));
            return b.remaining() == 16 ? java.util.Optional.of(new UUID(b.getLong(), b.getLong())) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private byte[] sign(UUID ticketId, UUID seatId) {
        byte[] truncated = new byte[16];
        System.arraycopy(Secrets.hmac(key, (ticketId + ":" + seatId).getBytes(StandardCharsets.UTF_8)), 0, truncated, 0, 16);
        return truncated;
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
