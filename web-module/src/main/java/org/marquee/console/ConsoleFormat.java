package org.marquee.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * How every console page writes what it shows: status codes as words, money grouped in the clerk's
 * language with its currency's decimals, counts grouped, and instants as a readable UTC time that the
 * console's script then turns into the clerk's own time zone ({@code <m:time>}, console.js).
 */
@Named("fmt")
@ApplicationScoped
public class ConsoleFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** Booking, event, payment and ticket statuses as a clerk says them. */
    private static final Map<String, String> STATUS = Map.ofEntries(
            Map.entry("PENDING_PAYMENT", "Awaiting payment"), Map.entry("PAID", "Paid"), Map.entry("CANCELLED", "Cancelled"),
            Map.entry("TIMEOUT", "Hold expired"), Map.entry("SCHEDULED", "Not on sale yet"), Map.entry("ON_SALE", "On sale"),
            Map.entry("SOLD_OUT", "Sold out"), Map.entry("ENDED", "Over"), Map.entry("PENDING", "Pending"),
            Map.entry("AUTHORISED", "Authorised"), Map.entry("DECLINED", "Declined"), Map.entry("FAILED", "Failed"),
            Map.entry("VOIDED", "Handed back"), Map.entry("CAPTURED", "Taken"), Map.entry("REFUND_PENDING", "Refund under way"),
            Map.entry("REFUNDED", "Refunded"), Map.entry("VOID_PENDING", "Hand-back under way"),
            Map.entry("NEEDS_ATTENTION", "Needs attention"), Map.entry("VALID", "Valid"), Map.entry("CHECKED_IN", "Checked in"),
            Map.entry("VOID", "Void"), Map.entry("CASH", "Cash"), Map.entry("CARD", "Card"),
            Map.entry("CAPTURE", "Capture"), Map.entry("REFUND", "Refund"));

    /** A status (an enum constant or its name) in words; an unknown one in sentence case rather than as a code. */
    public String status(Object code) {
        if (code == null) {
            return "";
        }
        String name = code instanceof Enum<?> e ? e.name() : code.toString();
        String known = STATUS.get(name);
        if (known != null) {
            return known;
        }
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "1,045.00 EUR" (or "1.045,00 EUR" for a German clerk, "12,000 JPY"): grouped, with the currency's own decimals. */
    public String money(Object amount, String currency) {
        return money(amount, currency, locale());
    }

    static String money(Object amount, String currency, Locale locale) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        int decimals = fractionDigits(currency);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(Math.max(decimals, value.stripTrailingZeros().scale()));
        format.setGroupingUsed(true);
        return currency == null || currency.isBlank() ? format.format(value) : format.format(value) + " " + currency;
    }

    /** A count with grouping: 12,345. */
    public String count(long n) {
        return count(n, locale());
    }

    static String count(long n, Locale locale) {
        NumberFormat format = NumberFormat.getIntegerInstance(locale);
        format.setGroupingUsed(true);
        return format.format(n);
    }

    /** An instant as shown before the page's script puts it in the clerk's time zone: "2 Dec 2026, 12:02 UTC". */
    public String utc(Instant at) {
        return at == null ? "" : UTC.format(at);
    }

    static BigDecimal decimal(Object amount) {
        if (amount instanceof BigDecimal d) {
            return d;
        }
        if (amount instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (amount instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int fractionDigits(String currency) {
        try {
            int digits = currency == null ? 2 : Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Locale requested = faces == null ? null : faces.getExternalContext().getRequestLocale();
        return requested == null ? Locale.ENGLISH : requested;
    }
}
