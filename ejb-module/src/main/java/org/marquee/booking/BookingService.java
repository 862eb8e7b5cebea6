package org.marquee.booking;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.booking.BookingTransactions.Released;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;
import org.marquee.identity.Ownership;
import org.marquee.idempotency.IdempotencyStore;
import org.marquee.domain.payment.PaymentMethod;
import org.marquee.payment.Payments;
import org.marquee.domain.booking.Booking;

/**
 * The hold-then-pay flow (docs/architecture.md): the booking context's one entry point for the API and the
 * console. Locking transactions live in {@link BookingTransactions}; this class orders them with the
 * payment calls (never inside a lock) and the seat-holds cache (only after commit).
 *
 * <p>Who may see a booking: its customer, and staff ({@link Ownership}). Anyone else is told it does not exist (404).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BookingService {

    @EJB
    private BookingTransactions transactions;

    @EJB
    private EventCatalog catalog;


    @EJB
    private SeatHolds holds;

    @EJB
    private Payments payments;

    @Inject
    private HoldBatcher batcher;

    @Inject
    private ConfirmBatcher confirms;

    @Inject
    private BookingMetrics metrics;

    /**
     * Holds seats for staff and waits for the answer: the request joins the node's next batch of holds
     * ({@link HoldBatcher}). The box-office console holds through here; the API hands its requests to
     * the batcher itself, after {@code HoldGate}, and answers asynchronously. The gate's checks (hold rates,
     * waiting-room admission, seats per account) exempt staff, who sell on others' behalf, so they are not
     * asked here; the booking context's own caps (seats per booking, live holds per event) apply to staff
     * as to everyone. A customer never holds through here.
     */
    public BookingView hold(Caller caller, HoldRequest request) {
        if (!caller.isStaff()) {
            throw new IllegalStateException("a customer's hold goes through the API, behind HoldGate");
        }
        HoldAnswer answer;
        try {
            answer = batcher.submit(HoldCommand.of(caller.id(), request, null), null).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (answer instanceof HoldAnswer.Held held) {
            return held.view();
        }
        if (answer instanceof HoldAnswer.Refused refused) {
            throw refused.refusal();
        }
        throw new IllegalStateException("a hold without a key was replayed");
    }

    /** The answer to a confirm. */
    public sealed interface ConfirmAnswer {

        /** PAID; {@code body} is the recorded answer when the request had an idempotency key, else null. */
        record Paid(BookingView view, String body) implements ConfirmAnswer {
        }

        /** The request's idempotency key already had this answer (same request). */
        record Replayed(int status, String body) implements ConfirmAnswer {
        }
    }

    /**
     * Pays for a hold with a card: opens a payment, has the provider authorise it (outside any
     * transaction), then buys the seats with it; capturing the money follows after the answer (see
     * {@link ConfirmBatcher}). If the seats cannot be bought the authorisation is given back. Confirming
     * a PAID booking again returns it.
     *
     * @param key    the request's idempotency key, or null
     * @param bodies renders the answer recorded for the key; null when there is no key
     */
    public ConfirmAnswer confirm(Caller caller, UUID bookingId, String paymentToken, IdempotencyStore.Key key, AnswerBodies bodies) {
        if (paymentToken == null || paymentToken.isBlank() || paymentToken.length() > 200) {
            throw MarqueeException.invalid("paymentToken", "is required (at most 200 characters)");
        }
        return pay(new ConfirmCommand(bookingId, Ownership.ownerFilter(caller), PaymentMethod.CARD, paymentToken, key, bodies));
    }

    /** A confirm without an idempotency key (the console's): the PAID booking. */
    public BookingView confirm(Caller caller, UUID bookingId, String paymentToken) {
        return ((ConfirmAnswer.Paid) confirm(caller, bookingId, paymentToken, null, null)).view();
    }

    /** Box-office staff took the amount in cash at the counter: the same purchase, paid by a CASH payment. */
    public BookingView confirmCash(Caller caller, UUID bookingId) {
        if (!caller.isStaff()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only box-office staff take cash");
        }
        ConfirmAnswer answer = pay(new ConfirmCommand(bookingId, null, PaymentMethod.CASH, null, null, null));
        return ((ConfirmAnswer.Paid) answer).view();
    }

    private ConfirmAnswer pay(ConfirmCommand command) {
        long started = System.nanoTime();
        UUID bookingId = command.bookingId();
        boolean cash = command.method() == PaymentMethod.CASH;
        PaymentOpening opened = confirms.open(command, cash ? Payments.CASH_DESK : payments.providerName());
        switch (opened.outcome()) {
            case OPENED:
                break;
            case REPLAY:
                if (!command.key().requestHash().equals(opened.replayHash())) {
                    throw HoldBatches.conflict(command.key());
                }
                return new ConfirmAnswer.Replayed(opened.replayStatus(), opened.replayBody());
            case PAID:
                return new ConfirmAnswer.Paid(transactions.view(bookingId), null);
            default:
                throw opened.outcome().refusal(bookingId);
        }
        String reference = cash ? "cash:" + opened.paymentId()
                : payments.authorise(opened.paymentId(), opened.paymentKey(), opened.amount(), opened.currency(), command.paymentToken());
        PurchaseAnswer bought = confirms.pay(command, opened.paymentId(), reference);
        if (bought instanceof PurchaseAnswer.NotBought refused) {
            if (refused.voided()) {
                payments.giveBack(opened.paymentId());
            }
            throw refused.outcome().refusal(bookingId);
        }
        PurchaseAnswer.Paid paid = (PurchaseAnswer.Paid) bought;
        confirms.settleLater(new Payments.Capture(opened.paymentId(), opened.paymentKey(), reference, command.method(), opened.amount(),
                opened.currency()), paid.view().seats().stream().map(BookingView.BookedSeat::id).toList());
        metrics.paid(paid.view().seats().size(), Duration.ofNanos(System.nanoTime() - started));
        return new ConfirmAnswer.Paid(paid.view(), paid.body());
    }

    /** Cancels: a hold is released; a paid booking is released and refunded. Cancelling an ended booking changes nothing. */
    public BookingView cancel(Caller caller, UUID bookingId) {
        checkVisible(caller, transactions.ownerOf(bookingId), bookingId);
        release(bookingId);
        return transactions.view(bookingId);
    }

    /**
     * Cancels the event (committed on return: no new hold or purchase can start), then ends its live
     * bookings. The API and the box-office console both cancel through here.
     */
    public EventView cancelEvent(UUID eventId) {
        EventView cancelled = catalog.cancel(eventId);
        // the reconciler finishes the release if this is cut short
        releaseCancelledEvent(eventId);
        return cancelled;
    }

    /**
     * Ends every live booking of a cancelled event: holds are released, paid bookings refunded (the same
     * path as a customer's cancel). Idempotent; the reconciler repeats it for any booking this missed.
     * Returns how many bookings it ended.
     */
    public int releaseCancelledEvent(UUID eventId) {
        int ended = 0;
        for (UUID bookingId : transactions.liveBookingsOfEvent(eventId)) {
            ended += release(bookingId);
        }
        return ended;
    }

    /**
     * Cancels one booking and gives its money back; returns 1 if it was live. Public: the reconciler calls
     * it through the EJB view, which exposes only public methods.
     */
    public int release(UUID bookingId) {
        Released released = transactions.cancel(bookingId);
        holds.remove(released.seatIds());
        for (UUID paymentId : released.paymentsToRefund()) {
            payments.giveBack(paymentId);
        }
        if (released.bookings() > 0) {
            metrics.cancelled();
            if (released.paymentsToRefund().isEmpty()) {
                metrics.holdReleased();
            }
        }
        return released.bookings();
    }

    public BookingView get(Caller caller, UUID bookingId) {
        checkVisible(caller, transactions.ownerOf(bookingId), bookingId);
        return transactions.view(bookingId);
    }

    /** The caller's own bookings; staff see everyone's. */
    public BookingPage list(Caller caller, int page, int size) {
        return transactions.list(Ownership.ownerFilter(caller), page, size);
    }

    /**
     * Staff look a booking up by its id, a ticket code or the customer's e-mail address (see
     * {@link BookingTransactions#find}); anyone else is refused.
     */
    public List<BookingView> find(Caller caller, String query) {
        if (!caller.isStaff()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only box-office staff may look bookings up");
        }
        return transactions.find(query).stream().map(transactions::view).toList();
    }

    /** The booking's payments, every state each went through, oldest first. */
    public List<BookingTransactions.PaymentStep> paymentHistory(Caller caller, UUID bookingId) {
        checkVisible(caller, transactions.ownerOf(bookingId), bookingId);
        return transactions.paymentHistory(bookingId);
    }

    private static void checkVisible(Caller caller, UUID owner, UUID bookingId) {
        Ownership.check(caller, owner, "Booking", bookingId);
    }
}
