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
}
