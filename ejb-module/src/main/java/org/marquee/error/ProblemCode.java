package org.marquee.error;

/** The stable error codes of the API (docs/api-guide.md, Errors), each with the HTTP status it is served with. */
public enum ProblemCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    UNAUTHENTICATED(401, "Authentication is required"),
    PAYMENT_DECLINED(402, "The payment was declined"),
    FORBIDDEN(403, "Not allowed"),
    SALE_NOT_OPEN(403, "The sale is not open"),
    NOT_ADMITTED(403, "Not admitted from the waiting room"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    EMAIL_TAKEN(409, "The e-mail address is already registered"),
    SEATS_UNAVAILABLE(409, "Seats are not available"),
    HOLD_EXPIRED(409, "The hold has expired"),
    QUEUE_CLOSED(409, "The event has no waiting room"),
    NOT_PAID(409, "The booking is not paid"),
    ALREADY_CHECKED_IN(409, "The ticket was already checked in"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    LIMIT_EXCEEDED(422, "A limit was exceeded"),
    IDEMPOTENCY_CONFLICT(422, "The idempotency key was used for a different request"),
    INVALID_CODE(422, "The ticket code is not valid"),
    WRONG_EVENT(422, "The ticket is for another event"),
    TICKET_VOID(422, "The ticket is void"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    PAYMENT_UNAVAILABLE(502, "The payment provider is unavailable"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
