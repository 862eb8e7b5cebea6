package org.marquee.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Something fans buy seats for: a match, a concert, a show. */
@Entity
@Table(name = "event")
public class Event {

    public static final int DEFAULT_HOLD_TTL_SECONDS = 600;
    public static final int DEFAULT_MAX_SEATS_PER_BOOKING = 8;

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 10000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Category category;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "venue_id")
    private Venue venue;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "event_performer",
            joinColumns = @JoinColumn(name = "event_id"),
            inverseJoinColumns = @JoinColumn(name = "performer_id"))
    @OrderColumn(name = "position")
    private List<Performer> performers = new ArrayList<>();

    @OneToMany(mappedBy = "event", fetch = FetchType.LAZY)
    @OrderBy("position")
    private List<SeatType> seatTypes = new ArrayList<>();

    @Column(name = "start_at", nullable = false)
    private Instant startAt;

    @Column(name = "end_at")
    private Instant endAt;

    @Column(name = "sale_start_at", nullable = false)
    private Instant saleStartAt;

    @Column(name = "sale_end_at", nullable = false)
    private Instant saleEndAt;

    @Column(name = "hold_ttl_seconds", nullable = false)
    private int holdTtlSeconds = DEFAULT_HOLD_TTL_SECONDS;

    @Column(name = "max_seats_per_booking", nullable = false)
    private int maxSeatsPerBooking = DEFAULT_MAX_SEATS_PER_BOOKING;

    /** Free-form JSON object (jsonb), kept as its text. */
    @Column(name = "additional_info", nullable = false)
    private String additionalInfo = "{}";

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected Event() {
    }

    public Event(String code, String name, Category category, Instant startAt, Instant saleStartAt, Instant saleEndAt) {
        this.id = UUID.randomUUID();
        this.code = code;
        this.name = name;
        this.category = category;
        this.startAt = startAt;
        this.saleStartAt = saleStartAt;
        this.saleEndAt = saleEndAt;
        this.createdAt = Instant.now();
        this.updatedAt = this.createdAt;
    }

    public void touch() {
        this.updatedAt = Instant.now();
    }

    public UUID getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public Venue getVenue() { return venue; }
    public void setVenue(Venue venue) { this.venue = venue; }
    public List<Performer> getPerformers() { return performers; }
    public List<SeatType> getSeatTypes() { return seatTypes; }
    public Instant getStartAt() { return startAt; }
    public void setStartAt(Instant startAt) { this.startAt = startAt; }
    public Instant getEndAt() { return endAt; }
    public void setEndAt(Instant endAt) { this.endAt = endAt; }
    public Instant getSaleStartAt() { return saleStartAt; }
    public void setSaleStartAt(Instant saleStartAt) { this.saleStartAt = saleStartAt; }
    public Instant getSaleEndAt() { return saleEndAt; }
    public void setSaleEndAt(Instant saleEndAt) { this.saleEndAt = saleEndAt; }
    public int getHoldTtlSeconds() { return holdTtlSeconds; }
    public void setHoldTtlSeconds(int holdTtlSeconds) { this.holdTtlSeconds = holdTtlSeconds; }
    public int getMaxSeatsPerBooking() { return maxSeatsPerBooking; }
    public void setMaxSeatsPerBooking(int maxSeatsPerBooking) { this.maxSeatsPerBooking = maxSeatsPerBooking; }
    public String getAdditionalInfo() { return additionalInfo; }
    public void setAdditionalInfo(String additionalInfo) { this.additionalInfo = additionalInfo; }
    public Instant getCancelledAt() { return cancelledAt; }
    public void cancel(Instant at) { this.cancelledAt = at; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public int getVersion() { return version; }
}
