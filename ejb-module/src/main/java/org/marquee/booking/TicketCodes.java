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

    private byte[] sign(UUID ticketId, UUID seatId) {
        byte[] truncated = new byte[16];
        System.arraycopy(Secrets.hmac(key, (ticketId + ":" + seatId).getBytes(StandardCharsets.UTF_8)), 0, truncated, 0, 16);
        return truncated;
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
