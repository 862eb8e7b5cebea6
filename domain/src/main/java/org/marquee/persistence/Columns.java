package org.marquee.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** Conversions for values read from and bound to native SQL queries (uuids travel as text there). */
public final class Columns {

    private Columns() {
    }

    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (column instanceof Instant i) {
            return i;
        }
        return Instant.parse(column.toString());
    }

    public static UUID uuid(Object column) {
        return column == null ? null : column instanceof UUID u ? u : UUID.fromString(column.toString());
    }

    /** A comma-separated list for {@code cast(string_to_array(?, ',') as uuid[])}. */
    public static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /**
     * The constant of {@code type} named {@code value}, read from SQL (a status column, a function's
     * outcome); {@code source} names where it came from. A value Java does not know means the schema and
     * the code disagree, so it fails loudly instead of falling into some default branch.
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String source) {
        if (value == null) {
            throw new IllegalStateException(source + " is NULL, not a " + type.getSimpleName());
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is '" + value + "', not a " + type.getSimpleName(), e);
        }
    }
}
