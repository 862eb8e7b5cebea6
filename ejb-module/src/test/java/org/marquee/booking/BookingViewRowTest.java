package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marquee.testing.TestSecrets;
import org.marquee.domain.booking.BookingStatus;

/** A booking as {@code select * from booking_view(...)} returns it: one row per item, booking columns first. */
class BookingViewRowTest {

    private static final UUID BOOKING = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID EVENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final UUID TYPE = UUID.fromString("16fd2706-8baf-433b-82eb-8c7fada847da");
    private static final UUID ITEM_1 = UUID.fromString("6fa459ea-ee8a-3ca4-894e-db77e160355e");
    private static final UUID SEAT_1 = UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    private static final UUID ITEM_2 = UUID.fromString("a8098c1a-f86e-11da-bd1a-00112444be1e");
    private static final UUID SEAT_2 = UUID.fromString("c232ab00-9414-11ec-b3c8-9f6bdeced846");
    private static final Instant CREATED = Instant.parse("2027-05-01T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-05-01T10:10:00Z");
    private static final Instant PAID = Instant.parse("2027-05-01T10:03:00Z");

    @TempDir
    Path dir;

    private static Object[] row(String status, Instant paidAt, UUID item, UUID seat, String label) {
        return new Object[] {BOOKING.toString(), EVENT.toString(), status, new BigDecimal("140"), "EUR", Timestamp.from(CREATED),
                Timestamp.from(EXPIRES), paidAt == null ? null : Timestamp.from(paidAt), null,
                item == null ? null : item.toString(), seat == null ? null : seat.toString(), label, item == null ? null : TYPE.toString(),
                item == null ? null : new BigDecimal("70")};
    }

    private static List<BookingViewRow> rows(Object[]... rows) {
        return List.of(rows).stream().map(BookingViewRow::from).toList();
    }

    @Test
    void aHoldIsItsBookingColumnsAndOneSeatPerRowWithoutTickets() {
        BookingView view = BookingViewRow.view(rows(row("PENDING_PAYMENT", null, ITEM_1, SEAT_1, "A-1"),
                row("PENDING_PAYMENT", null, ITEM_2, SEAT_2, "A-2")), null);
        assertEquals(BOOKING, view.id());
        assertEquals(EVENT, view.eventId());
        assertEquals(BookingStatus.PENDING_PAYMENT, view.status());
        assertEquals("140.00", view.amount());
        assertEquals("EUR", view.currency());
        assertEquals(CREATED, view.createdAt());
        assertEquals(EXPIRES, view.expiresAt());
        assertNull(view.paidAt());
        assertNull(view.cancelledAt());
        assertEquals(List.of(new BookingView.BookedSeat(SEAT_1, "A-1", TYPE, "70.00"), new BookingView.BookedSeat(SEAT_2, "A-2", TYPE, "70.00")),
                view.seats());
        assertNull(view.tickets());
    }

    @Test
    void aPaidBookingHasASignedTicketPerSeat() throws Exception {
        TestSecrets.install(dir, "k1");
        TicketCodes codes = new TicketCodes();
        codes.loadKey();
        BookingView view = BookingViewRow.view(rows(row("PAID", PAID, ITEM_1, SEAT_1, "A-1"), row("PAID", PAID, ITEM_2, SEAT_2, "A-2")), codes);
        assertEquals(PAID, view.paidAt());
        assertEquals(List.of(new BookingView.Ticket(ITEM_1, SEAT_1, "A-1", codes.code(ITEM_1, SEAT_1)),
                new BookingView.Ticket(ITEM_2, SEAT_2, "A-2", codes.code(ITEM_2, SEAT_2))), view.tickets());
    }

    @Test
    void aBookingWithoutItemsIsOneRowWithoutSeats() {
        BookingView view = BookingViewRow.view(rows(row("CANCELLED", null, null, null, null)), null);
        assertEquals(BookingStatus.CANCELLED, view.status());
        assertTrue(view.seats().isEmpty());
    }

    @Test
    void aStatusJavaDoesNotKnowFails() {
        assertThrows(IllegalStateException.class, () -> BookingViewRow.from(row("LOST", null, null, null, null)));
    }
}
