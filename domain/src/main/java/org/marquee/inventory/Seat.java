package org.marquee.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One sellable seat or general-admission place. Its status, booking and hold deadline change only
 * under a row lock taken by the booking context; the database checks that they agree with the booking.
 * Seats are created in bulk with SQL, not through this entity.
 */
@Entity
@Table(name = "seat")
public class Seat {

    @Id
    private UUID id;

    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(name = "seat_type_id", nullable = false, updatable = false)
    private UUID seatTypeId;

    @Column(length = 50, updatable = false)
    private String section;

    @Column(name = "row_label", length = 20, updatable = false)
    private String row;

    @Column(updatable = false)
    private Integer number;

    @Column(nullable = false, length = 100, updatable = false)
    private String label;

    @Column(nullable = false, updatable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 9)
    private SeatStatus status = SeatStatus.AVAILABLE;

    /** Text in Java: EclipseLink 4.0.7's UUID converter fails on a NULL uuid column. */
    @Column(name = "booking_id")
    private String bookingId;

    @Column(name = "held_until")
    private Instant heldUntil;

    @Version
    private int version;

    protected Seat() {
    }

    public UUID getId() { return id; }
    public UUID getEventId() { return eventId; }
    public UUID getSeatTypeId() { return seatTypeId; }
    public String getSection() { return section; }
    public String getRow() { return row; }
    public Integer getNumber() { return number; }
    public String getLabel() { return label; }
    public int getPosition() { return position; }
    public SeatStatus getStatus() { return status; }
    public UUID getBookingId() { return bookingId == null ? null : UUID.fromString(bookingId); }
    public Instant getHeldUntil() { return heldUntil; }
}
