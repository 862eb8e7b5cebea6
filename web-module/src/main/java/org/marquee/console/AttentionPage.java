package org.marquee.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.marquee.booking.AttentionItem;
import org.marquee.booking.PaymentAttention;
import org.marquee.booking.PaymentAttention.Outcome;
import org.marquee.error.MarqueeException;
import org.marquee.domain.payment.Settlement;

/**
 * Payments needing attention: each with its booking, customer, amount and what failed, and the three
 * staff actions (retry, cancel and release, mark settled), each after a confirmation step.
 */
@Named("attention")
@ViewScoped
public class AttentionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What staff asked for, waiting for their confirmation. */
    public enum Action { RETRY, CANCEL, SETTLE }

    @EJB
    private PaymentAttention attention;

    @Inject
    private StaffSession staff;

    private List<AttentionItem> items = List.of();
    private UUID selected;
    private Action action;

    @PostConstruct
    void load() {
        try {
            items = attention.list(staff.caller());
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
    }

    public void ask(UUID paymentId, Action requested) {
        selected = paymentId;
        action = requested;
    }

    public void keep() {
        selected = null;
        action = null;
    }

    public void confirm() {
        if (selected == null || action == null) {
            return;
        }
        try {
            Outcome outcome = switch (action) {
                case RETRY -> attention.retry(staff.caller(), selected);
                case CANCEL -> attention.cancelAndRelease(staff.caller(), selected);
                case SETTLE -> attention.markSettled(staff.caller(), selected);
            };
            if (outcome.paymentStatus() == org.marquee.domain.payment.PaymentStatus.NEEDS_ATTENTION) {
                Feedback.error("The provider refused again; the payment still needs attention.");
            } else {
                Feedback.info("Payment " + outcome.paymentId() + " is " + outcome.paymentStatus() + "; its booking is "
                        + outcome.bookingStatus() + ".");
            }
        } catch (MarqueeException e) {
            Feedback.refused(e);
        }
        keep();
        load();
    }

    /** The question the confirmation step asks. */
    public String getQuestion() {
        AttentionItem item = items.stream().filter(i -> i.paymentId().equals(selected)).findFirst().orElse(null);
        if (item == null || action == null) {
            return "";
        }
        String money = item.amount().toPlainString() + " " + item.currency();
        return switch (action) {
            case RETRY -> "Try the " + item.failed().name().toLowerCase() + " of " + money + " again now?";
            case CANCEL -> "Cancel booking " + item.bookingId() + ", release its seats (its tickets stop being valid) and void the "
                    + money + " authorisation?";
            case SETTLE -> switch (item.failed()) {
                case CAPTURE -> "Mark the " + money + " as received outside Marquee? The sale stands.";
                case VOID -> "Mark the authorisation of " + money + " as released outside Marquee?";
                case REFUND -> "Mark the " + money + " as refunded outside Marquee?";
            };
        };
    }

    /** Only a failed capture has a live booking to cancel. */
    public boolean cancellable(AttentionItem item) {
        return item.failed() == Settlement.CAPTURE;
    }

    public List<AttentionItem> getItems() { return items; }
    public UUID getSelected() { return selected; }
    public Action getAction() { return action; }
}
