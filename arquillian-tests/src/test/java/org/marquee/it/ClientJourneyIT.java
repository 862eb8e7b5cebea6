package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.client.ApiClient;
import org.marquee.client.ApiException;
import org.marquee.client.ApiResponse;
import org.marquee.client.api.BookingsApi;
import org.marquee.client.api.EventsApi;
import org.marquee.client.api.IdentityApi;
import org.marquee.client.api.SearchApi;
import org.marquee.client.model.BookingPage;
import org.marquee.client.model.BookingStatus;
import org.marquee.client.model.BookingView;
import org.marquee.client.model.Category;
import org.marquee.client.model.Confirm;
import org.marquee.client.model.EventView;
import org.marquee.client.model.HoldRequest;
import org.marquee.client.model.NewEvent;
import org.marquee.client.model.NewRow;
import org.marquee.client.model.NewSeatType;
import org.marquee.client.model.NewSection;
import org.marquee.client.model.NewUserRequest;
import org.marquee.client.model.NewVenue;
import org.marquee.client.model.Problem;
import org.marquee.client.model.RegisterRequest;
import org.marquee.client.model.Role;
import org.marquee.client.model.SearchPage;
import org.marquee.client.model.SeatView;
import org.marquee.client.model.TokenRequest;
import org.marquee.client.model.UserResponse;

/**
 * An integrator's journey with nothing but the Java client the build generated from /openapi (openapi-generator,
 * java native, spec validation on): no hand-made JSON, no paths, no status numbers but in assertions. Errors are
 * read as the document's typed Problem.
 */
class ClientJourneyIT extends MarqueeIT {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void anIntegratorSellsSeatsThroughTheTypedClient() throws Exception {
        // the administrator creates the integrator's account
        String adminToken = new IdentityApi(client(null)).createToken(new TokenRequest()
                .email(System.getProperty("marquee.admin.email")).password(System.getProperty("marquee.admin.password"))).getAccessToken();
        String integratorEmail = Accounts.uniqueEmail("typed-integrator");
        UserResponse integrator = new IdentityApi(client(adminToken)).createUser(new NewUserRequest()
                .email(integratorEmail).password("integrator-secret").name("Typed feed").roles(List.of(Role.INTEGRATOR)));
        assertEquals(List.of(Role.INTEGRATOR), integrator.getRoles());
        String integratorToken = new IdentityApi(client(null))
                .createToken(new TokenRequest().email(integratorEmail).password("integrator-secret")).getAccessToken();

        // a general-admission event and a numbered one
        EventsApi events = new EventsApi(client(integratorToken));
        String word = "typed" + UUID.randomUUID().toString().substring(0, 8);
        EventView festival = events.createEvent(event("Open Air " + word, Category.FESTIVAL)
                .seatTypes(List.of(new NewSeatType().name("Lawn").price("45.00").currency("EUR").reservedSeating(false).quantity(500))));
        EventView theatre = events.createEvent(event("Hamlet " + word, Category.THEATRE)
                .seatTypes(List.of(new NewSeatType().name("Stalls").price("70.00").currency("EUR").reservedSeating(true)
                        .sections(List.of(new NewSection().name("A").rows(List.of(new NewRow().label("1").seats(10))))))));
        assertEquals(Category.FESTIVAL, festival.getCategory());
        assertEquals(500, festival.getSeatTypes().get(0).getAvailable());
        assertEquals(10, theatre.getSeatTypes().get(0).getTotal());

        // a customer signs up and logs in
        String email = Accounts.uniqueEmail("typed-fan");
        new IdentityApi(client(null)).registerCustomer(new RegisterRequest().email(email).password("typed-fan-password").name("Fan"));
        String fanToken = new IdentityApi(client(null)).createToken(new TokenRequest().email(email).password("typed-fan-password"))
                .getAccessToken();

        // search (searchable within 5 s) and view
        SearchApi search = new SearchApi(client(null));
        SearchPage found = null;
        for (int attempt = 0; attempt < 40 && (found == null || found.getTotal() < 2); attempt++) {
            if (found != null) {
                Thread.sleep(250);
            }
            found = search.searchEvents(word, null, null, null, null, null, null, 0, 20);
        }
        assertEquals(2L, found.getTotal(), "both events are found by their word");
        EventView viewed = new EventsApi(client(null)).getEvent(festival.getId(), null);
        assertEquals(festival.getName(), viewed.getName());

        // hold two places with an Idempotency-Key, and the same request again: the same hold, marked replayed
        BookingsApi bookings = new BookingsApi(client(fanToken));
        UUID lawn = festival.getSeatTypes().get(0).getId();
        HoldRequest two = new HoldRequest().eventId(festival.getId()).seatTypeId(lawn).quantity(2);
        String key = "typed-" + UUID.randomUUID();
        ApiResponse<BookingView> held = bookings.holdSeatsWithHttpInfo(two, key, null);
        assertEquals(201, held.getStatusCode());
        assertEquals(BookingStatus.PENDING_PAYMENT, held.getData().getStatus());
        assertEquals("90.00", held.getData().getAmount());
        ApiResponse<BookingView> replayed = bookings.holdSeatsWithHttpInfo(two, key, null);
        assertEquals(held.getData().getId(), replayed.getData().getId(), "the replay is the first hold");
        assertEquals(List.of("true"), replayed.getHeaders().get("idempotent-replayed"));

        // pay with a test card
        BookingView paid = bookings.confirmBooking(held.getData().getId(), new Confirm().paymentToken("tok_visa"), "pay-" + key);
        assertEquals(BookingStatus.PAID, paid.getStatus());
        assertEquals(2, paid.getTickets().size());
        assertNotNull(paid.getPaidAt());

        // numbered seats, chosen: held, then cancelled
        List<SeatView> seats = new EventsApi(client(null)).listSeats(theatre.getId(), null);
        BookingView chosen = bookings.holdSeats(new HoldRequest().eventId(theatre.getId())
                .seatIds(List.of(seats.get(0).getId(), seats.get(1).getId())), null, null);
        assertEquals(2, chosen.getSeats().size());

        // list and get
        BookingPage mine = bookings.listBookings(0, 20);
        assertEquals(2L, mine.getTotal());
        assertEquals(paid.getId(), bookings.getBooking(paid.getId()).getId());
        assertEquals(BookingStatus.CANCELLED, bookings.cancelBooking(chosen.getId()).getStatus());

        // errors, read through the typed Problem
        Problem invalid = problem(assertThrows(ApiException.class, () ->
                bookings.holdSeats(new HoldRequest().eventId(festival.getId()).seatTypeId(lawn).quantity(0), null, null)));
        assertEquals(400, invalid.getStatus());
        assertEquals("VALIDATION_FAILED", invalid.getCode());
        assertTrue(invalid.getErrors().stream().anyMatch(e -> e.getField().equals("quantity")), "the field is named: " + invalid);

        Problem unknown = problem(assertThrows(ApiException.class, () -> bookings.getBooking(UUID.randomUUID())));
        assertEquals(404, unknown.getStatus());
        assertEquals("NOT_FOUND", unknown.getCode());

        Problem conflict = problem(assertThrows(ApiException.class, () ->
                bookings.holdSeats(new HoldRequest().eventId(festival.getId()).seatTypeId(lawn).quantity(3), key, null)));
        assertEquals(422, conflict.getStatus());
        assertEquals("IDEMPOTENCY_CONFLICT", conflict.getCode());

        Problem forbidden = problem(assertThrows(ApiException.class, () ->
                new EventsApi(client(fanToken)).createEvent(event("Not mine " + word, Category.OTHER)
                        .seatTypes(List.of(new NewSeatType().name("Floor").price("1.00").currency("EUR").reservedSeating(false).quantity(1))))));
        assertEquals(403, forbidden.getStatus());
        assertEquals("FORBIDDEN", forbidden.getCode());

        Problem unauthenticated = problem(assertThrows(ApiException.class, () ->
                new BookingsApi(client(null)).listBookings(null, null)));
        assertEquals(401, unauthenticated.getStatus());
        assertFalse(unauthenticated.getCode().isBlank());
    }

    private static NewEvent event(String name, Category category) {
        return new NewEvent().name(name).category(category)
                .venue(new NewVenue().name("Typed Hall").city("Lyon").country("FR"))
                .startAt(NOW.plusDays(60)).saleStartAt(NOW.minusDays(1)).saleEndAt(NOW.plusDays(59));
    }

    /** A client of this server, as a caller with this token (none: anonymous). */
    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl() + "/api/v1");
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    /** The error's body as the document's Problem, read by the generated client's own JSON mapping. */
    private static Problem problem(ApiException e) throws Exception {
        return new ApiClient().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
