package org.marquee.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Marquee-Signature} header of provider webhooks: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">}. The timestamp is signed with the body, so a captured request cannot be
 * replayed after the tolerance window, and within it the event id makes a replay change nothing.
 */
public final class WebhookSignature {

    public static final String HEADER = "Marquee-Signature";

    public enum Verdict { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    private WebhookSignature() {
    }

    public static String sign(byte[] secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Checks a header against the body; several {@code v1} values are allowed (secret rotation). */
    public static Verdict verify(byte[] secret, String header, String body, long nowSeconds, long toleranceSeconds) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long timestamp = null;
        java.util.List<byte[]> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return Verdict.MALFORMED;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (name.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
            return Verdict.STALE;
        }
        byte[] expected = hmac(secret, timestamp, body);
        for (byte[] candidate : signatures) {
            if (MessageDigest.isEqual(expected, candidate)) {
                return Verdict.VALID;
            }
        }
        return Verdict.MISMATCH;
    }

    private static byte[] hmac(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
