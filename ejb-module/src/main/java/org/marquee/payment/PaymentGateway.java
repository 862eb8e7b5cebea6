package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.payment.PaymentProvider.ProviderUnavailableException;

/**
 * Calls the payment provider with retries for provider-side failures only (a decline is an answer,
 * not a failure). Safe to retry because every call carries the same idempotency key.
 */
@ApplicationScoped
public class PaymentGateway {

    @Inject
    private PaymentProvider provider;

    public String providerName() {
        return provider.name();
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = ProviderUnavailableException.class)
    @Timeout(5000)
    public ProviderResult authorise(String key, BigDecimal amount, String currency, String token) {
        return provider.authorise(key, amount, currency, token);
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @Timeout(5000)
    public ProviderResult capture(String key, String reference, BigDecimal amount, String currency) {
        return provider.capture(key, reference, amount, currency);
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @Timeout(5000)
    public ProviderResult voidAuthorisation(String key, String reference) {
        return provider.voidAuthorisation(key, reference);
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @Timeout(5000)
    public ProviderResult refund(String key, String reference, BigDecimal amount, String currency) {
        return provider.refund(key, reference, amount, currency);
    }
}
