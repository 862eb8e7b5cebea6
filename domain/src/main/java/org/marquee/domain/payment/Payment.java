package org.marquee.domain.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One attempt to take money for a booking. Every change of status is recorded in payment_event by the database. */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    private UUID id;

    @Column(name = "booking_id", nullable = false, updatable = false)
    private UUID bookingId;

    @Column(nullable = false, length = 50, updatable = false)
    private String provider;

    @Column(name = "provider_reference", length = 200)
    private String providerReference;

    @Column(name = "idempotency_key", nullable = false, length = 200, updatable = false)
    private String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20, updatable = false)
    private PaymentMethod method;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PaymentStatus status;

    @Column(nullable = false, precision = 10, scale = 2, updatable = false)
    private BigDecimal amount;

    @Column(nullable = false, length = 3, updatable = false)
    private String currency;

    @Column(name = "refunded_amount", nullable = false, precision = 10, scale = 2)
    private BigDecimal refundedAmount = BigDecimal.ZERO;

    @Column(name = "failure_code", length = 64)
    private String failureCode;

    @Column(name = "failure_message", length = 500)
    private String failureMessage;

    @Enumerated(EnumType.STRING)
    @Column(name = "attention_operation", length = 8)
    private Settlement attentionOperation;

    @Column(name = "settle_round", nullable = false)
    private int settleRound;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected Payment() {
    }

    public Payment(UUID bookingId, String provider, String idempotencyKey, PaymentMethod method, BigDecimal amount, String currency) {
        this.id = UUID.randomUUID();
        this.bookingId = bookingId;
        this.provider = provider;
        this.idempotencyKey = idempotencyKey;
        this.method = method;
        this.status = PaymentStatus.PENDING;
        this.amount = amount;
        this.currency = currency;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public void moveTo(PaymentStatus next, String providerReference) {
        this.status = next;
        this.attentionOperation = null;
        if (providerReference != null) {
            this.providerReference = providerReference;
        }
        if (next == PaymentStatus.REFUNDED) {
            this.refundedAmount = amount;
        }
        this.updatedAt = Instant.now();
    }

    /** Moves to {@code next} and records why (the reason goes into the payment's history). */
    public void fail(PaymentStatus next, String code, String message) {
        this.status = next;
        this.attentionOperation = null;
        if (next == PaymentStatus.REFUNDED) {
            this.refundedAmount = amount;
        }
        this.failureCode = code;
        // 400: the history's detail is code + message in 500 characters
        this.failureMessage = message == null || message.length() <= 400 ? message : message.substring(0, 400);
        this.updatedAt = Instant.now();
    }

    /** {@code step} could not be done: the payment waits for a person, who sees {@code code} and {@code message}. */
    public void needsAttention(Settlement step, String code, String message) {
        fail(PaymentStatus.NEEDS_ATTENTION, code, message);
        this.attentionOperation = step;
    }

    /** Staff try the failed step again: back to the status it starts from, with new idempotency keys. */
    public Settlement resume(String by) {
        Settlement step = attentionOperation;
        fail(step.from(), "staff_retry", by);
        this.settleRound++;
        return step;
    }

    public UUID getId() { return id; }
    public UUID getBookingId() { return bookingId; }
    public String getProvider() { return provider; }
    public String getProviderReference() { return providerReference; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public PaymentMethod getMethod() { return method; }
    public PaymentStatus getStatus() { return status; }
    public BigDecimal getAmount() { return amount; }
    public String getCurrency() { return currency; }
    public BigDecimal getRefundedAmount() { return refundedAmount; }
    public String getFailureCode() { return failureCode; }
    public String getFailureMessage() { return failureMessage; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Settlement getAttentionOperation() { return attentionOperation; }
    public int getSettleRound() { return settleRound; }
}
