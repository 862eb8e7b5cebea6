package org.marquee.domain.booking;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A customer's hold on seats of one event, and, once paid, their purchase. */
@Entity
@Table(name = "booking")
public class Booking {

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private BookingStatus status;

    @Column(nullable = false, precision = 10, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @OneToMany(mappedBy = "booking", cascade = CascadeType.PERSIST, fetch = FetchType.LAZY)
    private List<BookingItem> items = new ArrayList<>();

    @Version
    private int version;

    protected Booking() {
    }

    public Booking(UUID id, UUID customerId, UUID eventId, BigDecimal amount, String currency, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.customerId = customerId;
        this.eventId = eventId;
        this.status = BookingStatus.PENDING_PAYMENT;
        this.amount = amount;
        this.currency = currency;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public void markPaid(Instant at) {
        this.status = BookingStatus.PAID;
        this.paidAt = at;
    }

    public void end(BookingStatus endStatus, Instant at) {
        if (endStatus.isLive()) {
            throw new IllegalArgumentException(endStatus + " does not end a booking");
        }
        this.status = endStatus;
        this.cancelledAt = at;
    }

    public UUID getId() { return id; }
    public UUID getCustomerId() { return customerId; }
    public UUID getEventId() { return eventId; }
    public BookingStatus getStatus() { return status; }
    public BigDecimal getAmount() { return amount; }
    public String getCurrency() { return currency; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getPaidAt() { return paidAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public List<BookingItem> getItems() { return items; }
    public int getVersion() { return version; }
}
