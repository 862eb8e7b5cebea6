package org.marquee.domain.catalog;

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
 * A price category of an event. Reserved seating means numbered seats in sections and rows; otherwise
 * it is general admission sold by quantity. Either way every sellable place is one row of {@code seat}.
 */
@Entity
@Table(name = "seat_type")
public class SeatType {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id", nullable = false)
    private Event event;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 10000)
    private String description;

    @Column(nullable = false, precision = 10, scale = 2)
    private BigDecimal price;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "reserved_seating", nullable = false)
    private boolean reservedSeating;

    @Column(nullable = false)
    private int total;

    @Column(nullable = false)
    private int position;

    protected SeatType() {
    }

    public SeatType(Event event, String name, BigDecimal price, String currency, boolean reservedSeating, int total, int position) {
        this.id = UUID.randomUUID();
        this.event = event;
        this.name = name;
        this.price = price;
        this.currency = currency;
        this.reservedSeating = reservedSeating;
        this.total = total;
        this.position = position;
    }

    public UUID getId() { return id; }
    public Event getEvent() { return event; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public BigDecimal getPrice() { return price; }
    public String getCurrency() { return currency; }
    public boolean isReservedSeating() { return reservedSeating; }
    public int getTotal() { return total; }
    public int getPosition() { return position; }
}
