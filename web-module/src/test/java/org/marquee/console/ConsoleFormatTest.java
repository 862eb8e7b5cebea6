package org.marquee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.marquee.domain.booking.BookingStatus;
import org.marquee.domain.payment.PaymentStatus;

class ConsoleFormatTest {

    private final ConsoleFormat fmt = new ConsoleFormat();

    @Test
    void statusesAreWordsNotCodes() {
        assertEquals("Refund under way", fmt.status(PaymentStatus.REFUND_PENDING));
        assertEquals("Awaiting payment", fmt.status(BookingStatus.PENDING_PAYMENT));
        assertEquals("Paid", fmt.status("PAID"));
        assertEquals("Something new", fmt.status("SOMETHING_NEW"));
        assertEquals("", fmt.status(null));
    }

    @Test
    void moneyIsGroupedWithItsCurrencysDecimals() {
        assertEquals("1,045.00 EUR", ConsoleFormat.money("1045.00", "EUR", Locale.ENGLISH));
        assertEquals("1.045,00 EUR", ConsoleFormat.money("1045.00", "EUR", Locale.GERMANY));
        assertEquals("1,234,567.50 USD", ConsoleFormat.money(new BigDecimal("1234567.5"), "USD", Locale.ENGLISH));
        assertEquals("12,000 JPY", ConsoleFormat.money(new BigDecimal("12000.00"), "JPY", Locale.ENGLISH));
        assertEquals("", ConsoleFormat.money(null, "EUR", Locale.ENGLISH));
        assertEquals("", ConsoleFormat.money("not a number", "EUR", Locale.ENGLISH));
    }

    @Test
    void instantsHaveNoFractionsOrIsoLetters() {
        assertEquals("2 Dec 2026, 12:02 UTC", fmt.utc(Instant.parse("2026-12-02T12:02:15.456405Z")));
        assertEquals("12,345", ConsoleFormat.count(12345, Locale.ENGLISH));
    }
}
