package org.marquee.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.booking.SalesReport.EventSales;

class DashboardPageTest {

    @Test
    void theAxisEndsOnARoundNumberAtOrAboveTheBusiestDay() {
        assertEquals(4, DashboardPage.niceTop(0));
        assertEquals(4, DashboardPage.niceTop(3));
        assertEquals(8, DashboardPage.niceTop(7));
        assertEquals(20, DashboardPage.niceTop(17));
        assertEquals(40, DashboardPage.niceTop(21));
        assertEquals(400, DashboardPage.niceTop(390));
    }

    @Test
    void totalsAreKeptPerCurrency() {
        List<DashboardPage.CurrencyTotal> totals = DashboardPage.totalsOf(List.of(
                sales(2, "90.00", "45.00", "EUR"), sales(1, "30.00", "0.00", "USD"), sales(3, "10.00", "0.00", "EUR")));
        assertEquals(List.of(new DashboardPage.CurrencyTotal("EUR", 5, new BigDecimal("100.00"), new BigDecimal("45.00")),
                new DashboardPage.CurrencyTotal("USD", 1, new BigDecimal("30.00"), new BigDecimal("0.00"))), totals);
    }

    private static EventSales sales(int sold, String revenue, String refunded, String currency) {
        return new EventSales(UUID.randomUUID(), "e", Instant.now(), false, 10, 10 - sold, 0, sold,
                new BigDecimal(revenue), new BigDecimal(refunded), currency);
    }
}
