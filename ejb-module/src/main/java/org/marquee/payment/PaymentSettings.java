package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.marquee.identity.Secrets;

/**
 * Where the provider is and the secret its webhooks are signed with (MicroProfile Config, so each is
 * also an environment variable: MARQUEE_PAYMENT_PROVIDER_URL, MARQUEE_PAYMENT_WEBHOOK_SECRET, ...).
 * Without a configured secret, the one {@code server-config/bin/marquee} generated is read from
 * {@code <marquee.secrets.dir>/payment-webhook.key}.
 */
@ApplicationScoped
public class PaymentSettings {

    @Inject
    @ConfigProperty(name = "marquee.payment.provider.url", defaultValue = "")
    private String providerUrl;

    @Inject
    @ConfigProperty(name = "marquee.payment.provider.name", defaultValue = "simulator")
    private String providerName;

    @Inject
    @ConfigProperty(name = "marquee.payment.webhook-secret")
    private Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "marquee.payment.webhook-tolerance-seconds", defaultValue = "300")
    private long webhookToleranceSeconds;

    @Inject
    @ConfigProperty(name = "marquee.payment.provider.timeout-ms", defaultValue = "3000")
    private long providerTimeoutMs;

    @Inject
    @ConfigProperty(name = "marquee.payment.provider.settle-timeout-ms", defaultValue = "10000")
    private long settleTimeoutMs;

    @Inject
    @ConfigProperty(name = "marquee.payment.attention-after-seconds", defaultValue = "3600")
    private long attentionAfterSeconds;

    public String providerUrl() {
        return providerUrl.endsWith("/") ? providerUrl.substring(0, providerUrl.length() - 1) : providerUrl;
    }

    public String providerName() {
        return providerName;
    }

    public long webhookToleranceSeconds() {
        return webhookToleranceSeconds;
    }

    /** How long one call to the provider may take, connection included, before it counts as timed out. */
    public long providerTimeoutMs() {
        return providerTimeoutMs;
    }

    /**
     * The same for capture, void, refund and status: the money is already authorised, so a slow answer
     * is better than a failure that leaves it to the reconciler (and, repeated, opens the circuit).
     */
    public long settleTimeoutMs() {
        return settleTimeoutMs;
    }

    /** The secret once read: every webhook delivery checks its signature with it. */
    private volatile byte[] secret;

    /** The webhook secret, read once (a new secret takes a restart). */
    public byte[] webhookSecret() {
        byte[] known = secret;
        if (known == null) {
            known = readWebhookSecret();
            secret = known;
        }
        return known.clone();
    }

    private byte[] readWebhookSecret() {
        String text = webhookSecret.filter(s -> !s.isBlank())
                .orElseGet(() -> new String(Secrets.read("payment-webhook.key"), StandardCharsets.UTF_8).trim());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * How long a capture, void or refund is retried (counted from when the payment entered the status
     * that waits for it) while the provider fails without answering, before the payment NEEDS_ATTENTION.
     */
    public long attentionAfterSeconds() {
        return attentionAfterSeconds;
    }
}
