package org.marquee.onsale;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.marquee.onsale.QueueTransactions.TicketRow;

/**
 * A room's tickets as one node holds them in memory, read from PostgreSQL in one query: after the opening, the
 * places it drew (and any given since); before it, who has joined (no numbers yet). A ticket's event, account
 * and number never change once the room is open, and before the opening only the event matters, so a copy never
 * answers wrong: it can only lack tickets that came later, which are looked up in the {@code queue-tickets}
 * cache, or read from PostgreSQL.
 *
 * <p>Why not the replicated cache for the opening: writing 50,000 re-numbered entries into it is one long
 * replicated write that pollers wait behind. Every node reading the places itself costs each of them one query of
 * a few megabytes, with nothing to wait for and no node that must survive to finish it.
 *
 * <p>Immutable: parallel arrays sorted by ticket id, looked up by binary search (about 40 bytes a ticket).
 */
final class RoomPlaces {

    private static final Comparator<UUID> ORDER = Comparator.comparingLong(UUID::getMostSignificantBits)
            .thenComparingLong(UUID::getLeastSignificantBits);

    private final UUID eventId;
    /** The opening these places are of; null: read before the room opened. */
    private final Instant openedAt;
    /** {@link System#nanoTime()} when read. */
    private final long readAt;
    /** Ticket ids, two longs each (most, least significant bits), in {@link #ORDER}. */
    private final long[] tickets;
    private final long[] accounts;
    private final long[] numbers;

    private RoomPlaces(UUID eventId, Instant openedAt, long[] tickets, long[] accounts, long[] numbers) {
        this.eventId = eventId;
        this.openedAt = openedAt;
        this.readAt = System.nanoTime();
        this.tickets = tickets;
        this.accounts = accounts;
        this.numbers = numbers;
    }

    /** The room's places from its tickets as read (those of another event are left out). */
    static RoomPlaces of(Room room, List<TicketRow> rows) {
        TicketRow[] sorted = rows.stream().filter(r -> r.eventId().equals(room.eventId()))
                .sorted(Comparator.comparing(TicketRow::id, ORDER)).toArray(TicketRow[]::new);
        long[] tickets = new long[sorted.length * 2];
        long[] accounts = new long[sorted.length * 2];
        long[] numbers = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            tickets[2 * i] = sorted[i].id().getMostSignificantBits();
            tickets[2 * i + 1] = sorted[i].id().getLeastSignificantBits();
            accounts[2 * i] = sorted[i].accountId().getMostSignificantBits();
            accounts[2 * i + 1] = sorted[i].accountId().getLeastSignificantBits();
            numbers[i] = sorted[i].number();
        }
        return new RoomPlaces(room.eventId(), room.openedAt(), tickets, accounts, numbers);
    }

    /** Whether these places are of the room as it is now: before its opening, or of this opening. */
    boolean matches(Room room) {
        return room.eventId().equals(eventId) && Objects.equals(room.openedAt(), openedAt);
    }

    /** Whether these places were read before this {@link System#nanoTime()}. */
    boolean readBefore(long nanoTime) {
        return nanoTime - readAt > 0;
    }

    /** Read longer ago than this. */
    boolean olderThan(long seconds) {
        return System.nanoTime() - readAt > seconds * 1_000_000_000L;
    }

    int size() {
        return numbers.length;
    }

    /** The ticket with its place, or null if this draw does not hold it. */
    TicketRow find(UUID ticket) {
        long most = ticket.getMostSignificantBits();
        long least = ticket.getLeastSignificantBits();
        int low = 0;
        int high = numbers.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = Long.compare(tickets[2 * middle], most);
            if (c == 0) {
                c = Long.compare(tickets[2 * middle + 1], least);
            }
            if (c < 0) {
                low = middle + 1;
            } else if (c > 0) {
                high = middle - 1;
            } else {
                return new TicketRow(ticket, eventId, new UUID(accounts[2 * middle], accounts[2 * middle + 1]), numbers[middle]);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "places of event " + eventId + " (" + numbers.length + (openedAt == null ? ", before the opening)" : ")");
    }
}
