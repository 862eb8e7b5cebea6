package org.marquee.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks as Marquee expects them: header {@code Marquee-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">} with the secret the provider shares with Marquee.
 */
final class WebhookSigner {

    static final String HEADER = "Marquee-Signature";

    private final byte[] secret;

    WebhookSigner(byte[] secret) {
        this.secret = secret.clone();
    }

    String sign(long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
