package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process card processor honouring the test tokens of API.md: {@code tok_visa} succeeds,
 * {@code tok_chargeDeclined} is declined, {@code tok_processingError} fails at the provider every time.
 * Other tokens are declined as invalid. Idempotent by key, like a real processor. For local runs and
 * tests only; the provider integration over HTTP replaces it in production configuration.
 */
@ApplicationScoped
public class TestPaymentProvider implements PaymentProvider {

    public static final String NAME = "test";

    private final Map<String, ProviderResult> byKey = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderResult authorise(String idempotencyKey, BigDecimal amount, String currency, String paymentToken) {
        if ("tok_processingError".equals(paymentToken)) {
            throw new ProviderUnavailableException("processing error at the provider");
        }
        return byKey.computeIfAbsent(idempotencyKey, k -> switch (paymentToken) {
            case "tok_visa" -> ProviderResult.ok("pay_" + UUID.randomUUID());
            case "tok_chargeDeclined" -> ProviderResult.declined("card_declined", "The card was declined");
            default -> ProviderResult.declined("invalid_token", "The payment token is not valid");
        });
    }

    @Override
    public ProviderResult capture(String idempotencyKey, String reference, BigDecimal amount, String currency) {
        return byKey.computeIfAbsent(idempotencyKey, k -> ProviderResult.ok(reference));
    }

    @Override
    public ProviderResult voidAuthorisation(String idempotencyKey, String reference) {
        return byKey.computeIfAbsent(idempotencyKey, k -> ProviderResult.ok(reference));
    }

    @Override
    public ProviderResult refund(String idempotencyKey, String reference, BigDecimal amount, String currency) {
        return byKey.computeIfAbsent(idempotencyKey, k -> ProviderResult.ok(reference));
    }
}
