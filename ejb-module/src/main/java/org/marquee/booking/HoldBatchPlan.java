package org.marquee.booking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.marquee.idempotency.IdempotencyStore;

/**
 * How a drained batch of hold requests is run: the order of its members, and the requests held back for
 * the next batch. Pure logic, no I/O.
 *
 * <ul>
 * <li>Members run in one order: by event, then customer, then first chosen seat (seat ids sorted), then
 *     seat type. {@code booking_hold_batch} takes its locks in its own fixed order whatever this order
 *     is (see {@link BookingTransactions}); this order keeps a customer's requests on one event together
 *     and makes a batch's outcome reproducible.</li>
 * <li>A request whose idempotency key (principal, scope, key) is already in the batch waits for the next
 *     batch, where it finds the first one's answer and replays it, instead of meeting it on the
 *     record's primary key and failing the whole batch.</li>
 * </ul>
 *
 * @param members the requests to run now, in order
 * @param deferred the requests to run in the next batch, in arrival order
 */
public record HoldBatchPlan<T>(List<T> members, List<T> deferred) {

    static final Comparator<HoldCommand> ORDER = Comparator.comparing(HoldCommand::eventId)
            .thenComparing(HoldCommand::customerId)
            .thenComparing(HoldBatchPlan::firstSeat, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(HoldCommand::seatTypeId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Splits requests as they arrived into the batch to run now and the ones to hold back. */
    public static <T> HoldBatchPlan<T> of(List<T> arrived, Function<T, HoldCommand> command) {
        Set<IdempotencyStore.Key> keys = new HashSet<>();
        List<T> members = new ArrayList<>(arrived.size());
        List<T> deferred = new ArrayList<>();
        for (T request : arrived) {
            IdempotencyStore.Key key = command.apply(request).key();
            if (key != null && !keys.add(new IdempotencyStore.Key(key.principal(), key.scope(), key.key(), ""))) {
                deferred.add(request);
            } else {
                members.add(request);
            }
        }
        members.sort(Comparator.comparing(command, ORDER));
        return new HoldBatchPlan<>(List.copyOf(members), List.copyOf(deferred));
    }

    private static UUID firstSeat(HoldCommand c) {
        return c.seatIds() == null || c.seatIds().isEmpty() ? null : c.seatIds().stream().min(Comparator.naturalOrder()).orElseThrow();
    }
}
