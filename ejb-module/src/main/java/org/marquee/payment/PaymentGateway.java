package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.payment.PaymentProvider.ProviderUnavailableException;

/**
 * The provider behind MicroProfile Fault Tolerance. Each attempt is bounded by {@code @Timeout}; only
 * provider-side failures are retried (a decline is an answer; a timed-out call is not retried, so a
 * hanging provider costs a buyer one timeout, not three, and because Payara's timeout interrupts the
 * thread, whose retry delay would then fail); when most recent calls failed
 * the circuit opens and calls fail at once for 5 s; {@code @Bulkhead} keeps a hanging provider from
 * taking every request thread. Retrying is safe because every attempt carries the same idempotency key.
 * Each operation has its own circuit. Every value can be overridden by MicroProfile Config, e.g.
 * {@code org.marquee.payment.PaymentGateway/authorise/Timeout/value=3000}.
 */
@ApplicationScoped
public class PaymentGateway {

    @Inject
    private PaymentProvider provider;

    public String providerName() {
        return provider.name();
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, TimeoutException.class})
    @Timeout(3000)
    @Bulkhead(48)
    public ProviderResult authorise(String key, BigDecimal amount, String currency, String token) {
        return provider.authorise(key, amount, currency, token);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, TimeoutException.class})
    @Timeout(3000)
    @Bulkhead(48)
    public ProviderResult capture(String key, String reference, BigDecimal amount, String currency) {
        return provider.capture(key, reference, amount, currency);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, TimeoutException.class})
    @Timeout(3000)
    @Bulkhead(48)
    public ProviderResult voidAuthorisation(String key, String reference) {
        return provider.voidAuthorisation(key, reference);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, TimeoutException.class})
    @Timeout(3000)
    @Bulkhead(48)
    public ProviderResult refund(String key, String reference, BigDecimal amount, String currency) {
        return provider.refund(key, reference, amount, currency);
    }

    @Retry(maxRetries = 1, delay = 200, retryOn = ProviderUnavailableException.class)
    @Timeout(3000)
    @Bulkhead(8)
    public ProviderResult status(String authorisationKey) {
        return provider.status(authorisationKey);
    }
}
