package org.marquee.checkin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.marquee.identity.Secrets;

/**
 * Rotating door codes for phones: {@code MQR.<ticket id>.<expiry, epoch seconds>.<HMAC-SHA256 of ticket,
 * seat and expiry>}. A phone shows the code of the current 30-second step, valid until the end of the
 * next step: at most 60 s ahead, so a screenshot or a forwarded copy stops working within a minute.
 * Every request within one step gets the same code (the QR image does not flicker). The key is derived
 * from the installation's ticket-signing key for this purpose only ({@link Secrets#derive}).
 */
@ApplicationScoped
public class DoorCodes {

    static final String PREFIX = "MQR.";
    /** A code is renewed every step and lives for two: 30 to 60 s from the moment it is handed out. */
    static final long STEP_SECONDS = 30;
    static final long LONGEST_LIFE_SECONDS = 2 * STEP_SECONDS;
    /** Clocks of the nodes may differ a little; a code is never accepted further ahead than this. */
    private static final long CLOCK_SLACK_SECONDS = 5;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private byte[] key;

    public DoorCodes() {
    }

    DoorCodes(byte[] key) {
        this.key = key.clone();
    }

    @PostConstruct
    void loadKey() {
        key = Secrets.derive("marquee door code v1");
    }

    /** A door code with the instant it stops working. */
    public record DoorCode(String code, Instant expiresAt) {
    }

    /** A rotating code's parts, as scanned; its signature is checked by {@link #isSigned}. */
    public record Scanned(UUID ticketId, Instant expiresAt, String code) {
    }

    /** The code a phone shows at {@code now} for this ticket. */
    public DoorCode current(UUID ticketId, UUID seatId, Instant now) {
        Instant expiresAt = Instant.ofEpochSecond((Math.floorDiv(now.getEpochSecond(), STEP_SECONDS) + 2) * STEP_SECONDS);
        return new DoorCode(code(ticketId, seatId, expiresAt), expiresAt);
    }

    public static boolean looksRotating(String code) {
        return code != null && code.startsWith(PREFIX);
    }

    /** The parts of a rotating code, if it has the shape of one. */
    public Optional<Scanned> read(String code) {
        String[] parts = code == null ? new String[0] : code.split("\\.");
        if (parts.length != 4 || !(parts[0] + ".").equals(PREFIX) || parts[2].length() > 12) {
            return Optional.empty();
        }
        try {
            ByteBuffer id = ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[1]));
            if (id.remaining() != 16) {
                return Optional.empty();
            }
            return Optional.of(new Scanned(new UUID(id.getLong(), id.getLong()), Instant.ofEpochSecond(Long.parseLong(parts[2])), code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Signed by this installation for this ticket and seat (whether it is still current or not). */
    public boolean isSigned(Scanned scanned, UUID seatId) {
        return MessageDigest.isEqual(code(scanned.ticketId(), seatId, scanned.expiresAt()).getBytes(StandardCharsets.US_ASCII),
                scanned.code().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a code expiring at {@code expiresAt} still opens the door at {@code now}. */
    public static boolean isCurrent(Instant expiresAt, Instant now) {
        return now.isBefore(expiresAt) && !expiresAt.isAfter(now.plusSeconds(LONGEST_LIFE_SECONDS + CLOCK_SLACK_SECONDS));
    }

    private String code(UUID ticketId, UUID seatId, Instant expiresAt) {
        byte[] mac = Secrets.hmac(key, (ticketId + ":" + seatId + ":" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = new byte[16];
        System.arraycopy(mac, 0, truncated, 0, truncated.length);
        return PREFIX + B64.encodeToString(bytes(ticketId)) + "." + expiresAt.getEpochSecond() + "." + B64.encodeToString(truncated);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
