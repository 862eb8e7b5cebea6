package org.marquee.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads one row of a native query column by column, in the order of the query's select list: each call
 * takes the next column and gives it its Java type. A query's row record reads its columns through one
 * of these, in one place next to the query, so no caller counts column offsets.
 *
 * <p>A getter without {@code OrNull} refuses a NULL column; a column of an unexpected type fails with
 * a {@link ClassCastException}. Both mean the query and its reader disagree: a bug, not bad input.
 */
public final class RowReader {

    private final Object[] columns;
    private int next;

    private RowReader(Object[] columns) {
        this.columns = columns;
    }

    /** A row as JPA returns it: an {@code Object[]}, or the value itself when the query selects one column. */
    public static RowReader of(Object row) {
        return new RowReader(row instanceof Object[] columns ? columns : new Object[] {row});
    }

    public String text() {
        return (String) next();
    }

    /** Text without its padding (a {@code char(n)} column); NULL stays null. */
    public String strippedText() {
        Object value = next();
        return value == null ? null : value.toString().strip();
    }

    public UUID uuid() {
        return Columns.uuid(required());
    }

    public UUID uuidOrNull() {
        return Columns.uuid(next());
    }

    public Instant instant() {
        return Columns.instant(required());
    }

    public Instant instantOrNull() {
        return Columns.instant(next());
    }

    /** Any integral column ({@code int}, {@code bigint}, {@code count(*)}, {@code sum(...)}) as an int. */
    public int integer() {
        return ((Number) required()).intValue();
    }

    public Integer integerOrNull() {
        Number value = (Number) next();
        return value == null ? null : value.intValue();
    }

    public long longInteger() {
        return ((Number) required()).longValue();
    }

    public Long longIntegerOrNull() {
        Number value = (Number) next();
        return value == null ? null : value.longValue();
    }

    public boolean bool() {
        return (Boolean) required();
    }

    public BigDecimal decimal() {
        return (BigDecimal) required();
    }

    public BigDecimal decimalOrNull() {
        return (BigDecimal) next();
    }

    /** A column holding an enum constant's name (padding ignored); an unknown name fails loudly. */
    public <E extends Enum<E>> E enumValue(Class<E> type) {
        int column = next;
        return Columns.enumValue(type, strippedText(), "column " + (column + 1));
    }

    private Object next() {
        if (next == columns.length) {
            throw new IllegalStateException("The row has only " + columns.length + " columns");
        }
        return columns[next++];
    }

    private Object required() {
        Object value = next();
        if (value == null) {
            throw new IllegalStateException("Column " + next + " of the row is NULL");
        }
        return value;
    }
}
