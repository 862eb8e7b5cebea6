package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.marquee.payment.PaymentProvider.CaptureAnswer;
import org.marquee.payment.PaymentProvider.CaptureCall;
import org.marquee.payment.PaymentProvider.ProviderResult;
import org.marquee.payment.PaymentProvider.ProviderTimeoutException;
import org.marquee.payment.PaymentProvider.ProviderUnavailableException;

/**
 * The provider behind MicroProfile Fault Tolerance. Each attempt is bounded by the HTTP client's own
 * timeouts ({@link HttpPaymentProvider}: {@code marquee.payment.provider.timeout-ms}), not by
 * {@code @Timeout}, whose timer is a task on a managed executor for every call. What remains runs on the
 * caller's thread in Payara (the retry's delay is a sleep; the bulkhead a counter; the circuit's state a
 * window of outcomes; only opening the circuit schedules its half-open transition). Only provider-side
 * failures are retried (a decline is an answer; a timed-out call is not retried, so a hanging provider
 * costs a buyer one timeout, not three); when most recent calls failed the circuit opens and calls fail
 * at once for 5 s; {@code @Bulkhead} keeps a hanging provider from taking every request thread. Retrying
 * is safe because every attempt carries the same idempotency key. Each operation has its own circuit.
 * Every value can be overridden by MicroProfile Config, e.g.
 * {@code org.marquee.payment.PaymentGateway/authorise/Retry/maxRetries=1}.
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
            failOn = {ProviderUnavailableException.class, ProviderTimeoutException.class})
    @Bulkhead(48)
    public ProviderResult authorise(String key, BigDecimal amount, String currency, String token) {
        return provider.authorise(key, amount, currency, token);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, ProviderTimeoutException.class})
    @Bulkhead(48)
    public ProviderResult capture(String key, String reference, BigDecimal amount, String currency) {
        return provider.capture(key, reference, amount, currency);
    }

    /** Captures in one call where the provider can; the whole call is retried (each capture keeps its key). */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, ProviderTimeoutException.class})
    @Bulkhead(48)
    public List<CaptureAnswer> captureAll(List<CaptureCall> calls) {
        return provider.captureAll(calls);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, ProviderTimeoutException.class})
    @Bulkhead(48)
    public ProviderResult voidAuthorisation(String key, String reference) {
        return provider.voidAuthorisation(key, reference);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5000, successThreshold = 1,
            failOn = {ProviderUnavailableException.class, ProviderTimeoutException.class})
    @Bulkhead(48)
    public ProviderResult refund(String key, String reference, BigDecimal amount, String currency) {
        return provider.refund(key, reference, amount, currency);
    }

    @Retry(maxRetries = 1, delay = 200, retryOn = ProviderUnavailableException.class)
    @Bulkhead(8)
    public ProviderResult status(String authorisationKey) {
        return provider.status(authorisationKey);
    }
}
