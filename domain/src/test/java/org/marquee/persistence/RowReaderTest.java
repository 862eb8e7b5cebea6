package org.marquee.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.domain.inventory.SeatStatus;

class RowReaderTest {

    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final Instant AT = Instant.parse("2027-06-01T19:00:00Z");

    @Test
    void readsTheColumnsInSelectOrderWithTheirJavaTypes() {
        RowReader row = RowReader.of(new Object[] {ID.toString(), ID, "Hall", "EUR", Timestamp.from(AT),
                OffsetDateTime.ofInstant(AT, ZoneOffset.ofHours(2)), 7, 8L, new BigDecimal("12"), 9L, true, new BigDecimal("1.5")});
        assertEquals(ID, row.uuid());
        assertEquals(ID, row.uuid());
        assertEquals("Hall", row.text());
        assertEquals("EUR", row.strippedText());
        assertEquals(AT, row.instant());
        assertEquals(AT, row.instant());
        assertEquals(7, row.integer());
        assertEquals(8, row.integer());
        assertEquals(12, row.integer());
        assertEquals(9L, row.longInteger());
        assertTrue(row.bool());
        assertEquals(new BigDecimal("1.5"), row.decimal());
    }

    @Test
    void nullsStayNullWhereTheColumnMayBeNull() {
        RowReader row = RowReader.of(new Object[] {null, null, null, null, null, null, null, null});
        assertNull(row.text());
        assertNull(row.strippedText());
        assertNull(row.uuidOrNull());
        assertNull(row.instantOrNull());
        assertNull(row.integerOrNull());
        assertNull(row.longIntegerOrNull());
        assertNull(row.decimalOrNull());
        assertNull(row.text());
    }

    @Test
    void aNullWhereAValueIsRequiredFailsNamingTheColumn() {
        RowReader row = RowReader.of(new Object[] {1, null});
        row.integer();
        IllegalStateException e = assertThrows(IllegalStateException.class, row::integer);
        assertTrue(e.getMessage().contains("Column 2"), e.getMessage());
    }

    @Test
    void readingPastTheLastColumnFails() {
        RowReader row = RowReader.of(new Object[] {"only"});
        row.text();
        assertThrows(IllegalStateException.class, row::text);
    }

    @Test
    void aSingleColumnResultIsARowOfOne() {
        assertEquals(ID, RowReader.of(ID.toString()).uuid());
    }

    @Test
    void readsEnumsByNameIgnoringPaddingAndRefusesUnknownNames() {
        RowReader row = RowReader.of(new Object[] {"HELD", "SOLD  ", "GONE", null});
        assertEquals(SeatStatus.HELD, row.enumValue(SeatStatus.class));
        assertEquals(SeatStatus.SOLD, row.enumValue(SeatStatus.class));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> row.enumValue(SeatStatus.class));
        assertTrue(unknown.getMessage().contains("column 3") && unknown.getMessage().contains("'GONE'"), unknown.getMessage());
        assertThrows(IllegalStateException.class, () -> row.enumValue(SeatStatus.class));
    }

    @Test
    void anUnknownOutcomeNamesItsSource() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Columns.enumValue(SeatStatus.class, "MAYBE", "booking_hold_batch's outcome"));
        assertEquals("booking_hold_batch's outcome is 'MAYBE', not a SeatStatus", e.getMessage());
    }
}
