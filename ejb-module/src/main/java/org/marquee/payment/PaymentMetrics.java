package org.marquee.payment;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.marquee.metrics.MetricHandles;

/**
 * The payment context in /metrics (application scope): every HTTP call to the provider by operation and
 * outcome, the calls that failed after Fault Tolerance gave up (and why), whether the authorisation
 * circuit is open, refunds, voids and webhooks, and the payments that need a person.
 */
@ApplicationScoped
public class PaymentMetrics {

    @Inject
    private MetricRegistry registry;

    private MetricHandles metrics;

    private final AtomicInteger circuitOpen = new AtomicInteger();
    private final AtomicLong needingAttention = new AtomicLong();

    @PostConstruct
    void register() {
        metrics = new MetricHandles(registry);
        registry.gauge(Metadata.builder().withName("marquee_payment_circuit_open")
                .withDescription("1 while this node's circuit breaker in front of provider authorisations is open").build(),
                circuitOpen, AtomicInteger::get);
        registry.gauge(Metadata.builder().withName("marquee_payments_needing_attention")
                .withDescription("Payments whose capture, void or refund could not be done and wait for staff (the whole "
                        + "installation's count, the same on every node: alert on max, not sum)").build(),
                needingAttention, AtomicLong::get);
    }

    /** One HTTP call to the provider: outcome ok, declined, not_found or error. */
    public void call(String operation, String outcome) {
        metrics.counter("marquee_payment_provider_calls_total", "operation", operation, "outcome", outcome).inc();
    }

    /** A provider operation that failed for good (after retries): unavailable, timeout, circuit_open, bulkhead_full. */
    public void failure(String operation, String reason) {
        metrics.counter("marquee_payment_failures_total", "operation", operation, "reason", reason).inc();
        if (operation.equals("authorise") && reason.equals("circuit_open")) {
            circuitOpen.set(1);
        }
    }

    public void authorisationAnswered() {
        circuitOpen.set(0);
    }

    public void refunded() {
        metrics.counter("marquee_payment_refunds_total").inc();
    }

    public void voided() {
        metrics.counter("marquee_payment_voids_total").inc();
    }

    public void webhook(String outcome) {
        metrics.counter("marquee_payment_webhooks_total", "outcome", outcome).inc();
    }

    /** A payment moved to NEEDS_ATTENTION: its step (capture, void, refund) and why; {@code now} is how many wait. */
    public void needsAttention(String operation, String reason, long now) {
        metrics.counter("marquee_payments_attention_total", "operation", operation, "reason", reason).inc();
        needingAttention.set(now);
    }

    /** How many payments need attention now (the reconciler counts them every run, staff actions after each change). */
    public void needingAttention(long now) {
        needingAttention.set(now);
    }
}
