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
import java.util.function.Function;
import org.marquee.catalog.EventCatalog;
import org.marquee.catalog.EventView;
import org.marquee.booking.BookingTransactions.PayableBooking;
import org.marquee.booking.BookingTransactions.Released;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;
import org.marquee.identity.Ownership;
import org.marquee.payment.Payment;
import org.marquee.payment.Payments;

/**
 * The hold-then-pay flow (DESIGN.md §4): the booking context's one entry point for the API and the
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
    private BookingMetrics metrics;

    /**
     * Holds seats and waits for the answer: the request joins the node's next batch of holds
     * ({@link HoldBatcher}). The box-office console holds through here; the API hands its requests to
     * the batcher itself and answers asynchronously.
     */
    public BookingView hold(Caller caller, HoldRequest request) {
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

    /**
     * Pays for a hold: authorise (outside any lock), then the purchase transaction, then capture. If the
     * purchase cannot happen the authorisation is voided. Confirming a PAID booking again returns it.
     */
    public BookingView confirm(Caller caller, UUID bookingId, String paymentToken) {
        if (paymentToken == null || paymentToken.isBlank() || paymentToken.length() > 200) {
            throw MarqueeException.invalid("paymentToken", "is required (at most 200 characters)");
        }
        return pay(caller, bookingId, b -> payments.authorise(bookingId, b.amount(), b.currency(), paymentToken));
    }

    /** Box-office staff took the amount in cash at the counter: the same purchase, paid by a CASH payment. */
    public BookingView confirmCash(Caller caller, UUID bookingId) {
        if (!caller.isStaff()) {
            throw new MarqueeException(ProblemCode.FORBIDDEN, "Only box-office staff take cash");
        }
        return pay(caller, bookingId, b -> payments.takeCash(bookingId, b.amount(), b.currency()));
    }

    private BookingView pay(Caller caller, UUID bookingId, Function<PayableBooking, Payment> authorise) {
        long started = System.nanoTime();
        PayableBooking booking = transactions.payable(bookingId);
        checkVisible(caller, booking.customerId(), bookingId);
        switch (booking.status()) {
            case PAID:
                return transactions.view(bookingId);
            case CANCELLED:
                throw new MarqueeException(ProblemCode.CONFLICT, "The booking was cancelled");
            case TIMEOUT:
                throw new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold expired; hold the seats again");
            default:
                if (booking.expired()) {
                    throw new MarqueeException(ProblemCode.HOLD_EXPIRED, "The hold expired; hold the seats again");
                }
        }
        Payment payment = authorise.apply(booking);
        BookingView paid;
        try {
            paid = transactions.purchase(bookingId, payment.getId());
        } catch (RuntimeException e) {
            payments.voidAuthorisation(payment);
            throw e;
        }
        payments.capture(payment);
        holds.remove(paid.seats().stream().map(BookingView.BookedSeat::id).toList());
        metrics.paid(paid.seats().size(), Duration.ofNanos(System.nanoTime() - started));
        return paid;
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
