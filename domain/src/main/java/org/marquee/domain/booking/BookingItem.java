package org.marquee.domain.booking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One seat of a booking, at the price it was held for. {@code active} is maintained by the database
 * (true while the booking is live) and is what allows only one live booking per seat.
 */
@Entity
@Table(name = "booking_item")
public class BookingItem {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "booking_id", nullable = false, updatable = false)
    private Booking booking;

    @Column(name = "seat_id", nullable = false, updatable = false)
    private UUID seatId;

    @Column(name = "seat_type_id", nullable = false, updatable = false)
    private UUID seatTypeId;

    @Column(nullable = false, precision = 10, scale = 2, updatable = false)
    private BigDecimal price;

    @Column(nullable = false, insertable = false, updatable = false)
    private boolean active;

    protected BookingItem() {
    }

    public BookingItem(Booking booking, UUID seatId, UUID seatTypeId, BigDecimal price) {
        this.id = UUID.randomUUID();
        this.booking = booking;
        this.seatId = seatId;
        this.seatTypeId = seatTypeId;
        this.price = price;
    }

    public UUID getId() { return id; }
    public Booking getBooking() { return booking; }
    public UUID getSeatId() { return seatId; }
    public UUID getSeatTypeId() { return seatTypeId; }
    public BigDecimal getPrice() { return price; }
    public boolean isActive() { return active; }
}
