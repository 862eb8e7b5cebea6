package org.marquee.api.booking;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.marquee.api.IdempotentRequests;
import org.marquee.api.Problem;
import org.marquee.booking.AnswerBodies;
import org.marquee.booking.BookingView;
import org.marquee.booking.HoldAnswer;
import org.marquee.error.MarqueeException;

/** How booking requests are read and answered, shared by {@link BookingResource} and {@link BookingFilter}. */
final class BookingAnswers {

    static final Jsonb JSON = JsonbBuilder.create();

    /** How a keyed request's answer is recorded: exactly as it is sent. */
    static final AnswerBodies BODIES = new AnswerBodies() {
        @Override
        public String booking(BookingView view) {
            return JSON.toJson(view);
        }

        @Override
        public String refused(MarqueeException e) {
            return Problem.body(e.code().status(), e.code(), e.getMessage(), e.errors(), e.extensions());
        }
    };

    private BookingAnswers() {
    }

    /** The body as {@code type}; a missing body is a field error, malformed JSON a JsonbException (400). */
    static <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw MarqueeException.invalid("body", "is required");
        }
        T value = JSON.fromJson(body, type);
        if (value == null) {
            throw MarqueeException.invalid("body", "is required");
        }
        return value;
    }

    /** The answer of a hold as the client gets it; {@code bookings} is the URI of the bookings collection. */
    static Response hold(HoldAnswer answer, String bookings) {
        if (answer instanceof HoldAnswer.Held held) {
            return Response.created(URI.create(bookings + "/" + held.view().id()))
                    .entity(held.body() != null ? held.body() : JSON.toJson(held.view())).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (answer instanceof HoldAnswer.Refused refused) {
            MarqueeException e = refused.refusal();
            return Problem.response(e.code(), e.getMessage(), e.errors(), e.extensions());
        }
        HoldAnswer.Replayed replayed = (HoldAnswer.Replayed) answer;
        return IdempotentRequests.replayed(replayed.status(), replayed.body());
    }
}
