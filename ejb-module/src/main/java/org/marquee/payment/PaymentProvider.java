package org.marquee.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The boundary to a card processor. Every call carries an idempotency key: a call retried with the
 * same key never charges, captures, voids or refunds twice.
 */
public interface PaymentProvider {

    /** The provider's name, stored with each payment. */
    String name();

    /** Reserves the amount on the card the token stands for. */
    ProviderResult authorise(String idempotencyKey, BigDecimal amount, String currency, String paymentToken);

    /** Takes the authorised money. */
    ProviderResult capture(String idempotencyKey, String reference, BigDecimal amount, String currency);

    /**
     * Takes the authorised money of several payments at once; answers in the calls' order. Each capture
     * keeps its own key and its own answer; one the provider did not answer has {@link CaptureAnswer#failure}.
     * A provider without a batch call takes them one by one (this default); one with a batch call throws,
     * as {@link #capture} does, when the call as a whole failed.
     */
    default List<CaptureAnswer> captureAll(List<CaptureCall> calls) {
        List<CaptureAnswer> answers = new ArrayList<>(calls.size());
        for (CaptureCall c : calls) {
            try {
                answers.add(CaptureAnswer.of(capture(c.idempotencyKey(), c.reference(), c.amount(), c.currency())));
            } catch (ProviderUnavailableException | ProviderTimeoutException e) {
                answers.add(CaptureAnswer.failed(e));
            }
        }
        return answers;
    }

    /** One capture of a batch. */
    record CaptureCall(String idempotencyKey, String reference, BigDecimal amount, String currency) {
    }

    /** What one capture of a batch came to: the provider's result, or the failure that left it unanswered. */
    record CaptureAnswer(ProviderResult result, RuntimeException failure) {

        static CaptureAnswer of(ProviderResult result) {
            return new CaptureAnswer(result, null);
        }

        static CaptureAnswer failed(RuntimeException failure) {
            return new CaptureAnswer(null, failure);
        }
    }

    /** Releases an authorisation that will not be captured. */
    ProviderResult voidAuthorisation(String idempotencyKey, String reference);

    /** Returns captured money to the card. */
    ProviderResult refund(String idempotencyKey, String reference, BigDecimal amount, String currency);

    /** What the provider knows of the payment authorised with this key ({@link Outcome#NOT_FOUND} if nothing). */
    ProviderResult status(String authorisationKey);

    /**
     * What one call came to. {@code reference} is the provider's id of the payment, {@code state} the
     * provider's state of it after the call (authorised, captured, voided, refunded).
     */
    record ProviderResult(Outcome outcome, String reference, String state, String code, String message) {

        public static ProviderResult ok(String reference, String state) {
            return new ProviderResult(Outcome.OK, reference, state, null, null);
        }

        public static ProviderResult declined(String code, String message) {
            return new ProviderResult(Outcome.DECLINED, null, null, code, message);
        }

        public static ProviderResult notFound() {
            return new ProviderResult(Outcome.NOT_FOUND, null, null, "not_found", null);
        }
    }

    enum Outcome { OK, DECLINED, NOT_FOUND }

    /** The provider could not be reached or failed on its side: worth retrying with the same key. */
    class ProviderUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ProviderUnavailableException(String message) {
            super(message);
        }

        public ProviderUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The provider did not answer within the request timeout: the call may or may not have been done
     * there. Not retried (a hanging provider would cost a buyer several timeouts); the reconciler asks later.
     */
    class ProviderTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ProviderTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
