package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tickets and check-in (docs/door-and-counter.md, "Tickets and check-in") against the real EAR and database: printed and
 * rotating codes, a rotating code that expires, concurrent scans of one ticket, refunded tickets, the
 * DOOR role's reach, QR images read back as a scanner would, and the database's own refusals.
 */
class CheckInIT extends MarqueeIT {

    private static Accounts.Account door;
    private static String eventId;
    private static String stallsId;
    private static String standingId;
    private static String otherEventId;

    /** A purchase: the booking, its customer, and the printed codes of its tickets in order. */
    record Purchase(String bookingId, Accounts.Account customer, List<String> ticketIds, List<String> printedCodes) {
    }

    @BeforeAll
    static void eventAndDoor() {
        door = Accounts.withRoles("door", "DOOR");
        JsonPath event = Bookings.createEvent(Events.withSeatTypes("Door Night", """
                [{"name": "Stalls", "price": "40.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "A", "rows": [{"label": "1", "seats": 12}]}]},
                 {"name": "Standing", "price": "1250.00", "currency": "EUR", "reservedSeating": false, "quantity": 60}]""")).jsonPath();
        eventId = event.getString("id");
        stallsId = event.getString("seatTypes.find { it.name == 'Stalls' }.id");
        standingId = event.getString("seatTypes.find { it.name == 'Standing' }.id");
        otherEventId = Bookings.createEvent(Events.minimal("Other Night")).path("id");
    }

    @Test
    void aPrintedCodeAdmitsOnceAndTheTicketsShowIt() throws Exception {
        Purchase p = buy(stallsId, 2);

        // the tickets: both valid, each with a rotating code that ends within a minute, beside the printed one
        Instant asked = Instant.now();
        JsonPath tickets = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store")).extract().jsonPath();
        assertEquals(p.ticketIds(), tickets.getList("id"));
        assertEquals(List.of("VALID", "VALID"), tickets.getList("status"));
        assertEquals(List.of(stallsId, stallsId), tickets.getList("seatTypeId"));
        assertTrue(tickets.getString("[0].label").startsWith("A-1-"), tickets.getString("[0].label"));
        assertTrue(tickets.getString("[0].code").startsWith("MQR."), tickets.getString("[0].code"));
        assertEquals("40.00", tickets.getString("[0].price"));
        assertEquals("Stalls", tickets.getString("[0].seatTypeName"));
        Instant expires = Instant.parse(tickets.getString("[0].codeExpiresAt"));
        assertTrue(expires.isAfter(asked) && !expires.isAfter(asked.plusSeconds(61)), "a door code lives at most 60 s: " + expires);

        // the printed code of the confirm lets the first ticket in, once
        JsonPath admitted = scan(door, eventId, p.printedCodes().get(0)).then().statusCode(200).extract().jsonPath();
        assertEquals("ADMITTED", admitted.getString("result"));
        assertEquals(p.ticketIds().get(0), admitted.getString("ticketId"));
        assertEquals(tickets.getString("[0].label"), admitted.getString("label"));
        assertEquals(stallsId, admitted.getString("seatTypeId"));
        String firstAdmission = admitted.getString("checkedInAt");

        scan(door, eventId, p.printedCodes().get(0)).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("ALREADY_CHECKED_IN")).body("checkedInAt", equalTo(firstAdmission))
                .body("ticketId", equalTo(p.ticketIds().get(0))).body("label", equalTo(admitted.getString("label")));
        // its phone code does not open the door a second time either
        scan(door, eventId, tickets.getString("[0].code")).then().statusCode(409).body("code", equalTo("ALREADY_CHECKED_IN"));

        Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .body("status", equalTo(List.of("CHECKED_IN", "VALID"))).body("[0].checkedInAt", equalTo(firstAdmission));

        // at another event's door, or altered, or not a code at all: refused, and nothing is recorded
        scan(door, otherEventId, p.printedCodes().get(1)).then().statusCode(422).body("code", equalTo("WRONG_EVENT"))
                .body("ticketId", equalTo(p.ticketIds().get(1)));
        String printed = p.printedCodes().get(1);
        String altered = printed.substring(0, printed.length() - 2) + (printed.endsWith("AA") ? "BB" : "AA");
        scan(door, eventId, altered).then().statusCode(422).body("code", equalTo("INVALID_CODE"));
        String rotating = tickets.getString("[1].code");
        String later = rotating.replaceFirst("\\.(\\d+)\\.", "." + (Instant.now().getEpochSecond() + 3600) + ".");
        scan(door, eventId, later).then().statusCode(422).body("code", equalTo("INVALID_CODE"));
        scan(door, eventId, "MQ1.not-a-ticket").then().statusCode(422).body("code", equalTo("INVALID_CODE"));
        Bookings.as(door.token()).body("{}").post("/events/{id}/check-ins", eventId).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        Bookings.as(door.token()).body("{\"code\": ").post("/events/{id}/check-ins", eventId).then().statusCode(400)
                .contentType("application/problem+json");
        scan(door, "00000000-0000-0000-0000-000000000000", printed).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertEquals(1, checkIns(p.bookingId()));

        // the second ticket's phone code lets it in
        scan(door, eventId, rotating).then().statusCode(200).body("result", equalTo("ADMITTED")).body("ticketId", equalTo(p.ticketIds().get(1)));
        assertEquals(2, checkIns(p.bookingId()));
    }

    @Test
    void theQrImageCarriesACodeTheDoorAccepts() throws Exception {
        Purchase p = buy(standingId, 1);
        byte[] png = Bookings.as(p.customer().token()).accept("image/png")
                .get("/bookings/{id}/tickets/{t}/qr", p.bookingId(), p.ticketIds().get(0)).then().statusCode(200)
                .contentType("image/png").header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().asByteArray();
        String read = readQr(png);
        assertTrue(read.startsWith("MQR."), read);
        Bookings.as(p.customer().token()).accept("image/svg+xml")
                .get("/bookings/{id}/tickets/{t}/qr", p.bookingId(), p.ticketIds().get(0)).then().statusCode(200)
                .contentType("image/svg+xml").body(startsWith("<svg"));
        Bookings.as(p.customer().token()).accept("image/png")
                .get("/bookings/{id}/tickets/{t}/qr", p.bookingId(), "00000000-0000-0000-0000-000000000000").then().statusCode(404);

        scan(door, eventId, read).then().statusCode(200).body("result", equalTo("ADMITTED")).body("seatTypeId", equalTo(standingId))
                .body("seatTypeName", equalTo("Standing"));
    }

    @Test
    void aRotatingCodeExpiresAndTheNextOneWorks() throws Exception {
        Purchase p = buy(standingId, 1);
        JsonPath tickets = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .extract().jsonPath();
        String code = tickets.getString("[0].code");
        Instant expires = Instant.parse(tickets.getString("[0].codeExpiresAt"));
        assertTrue(!expires.isAfter(Instant.now().plusSeconds(61)), "at most 60 s ahead: " + expires);

        // a screenshot of the code, shown after its time
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1500);
        scan(door, eventId, code).then().statusCode(422).contentType("application/problem+json").body("code", equalTo("INVALID_CODE"))
                .body("ticketId", equalTo(p.ticketIds().get(0)));
        assertEquals(0, checkIns(p.bookingId()));

        // the phone asks again and gets a new code, which works
        String fresh = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .extract().path("[0].code");
        assertTrue(!fresh.equals(code), "the code rotated");
        scan(door, eventId, fresh).then().statusCode(200).body("result", equalTo("ADMITTED"));
    }

    @Test
    void concurrentScansOfOneTicketAdmitItOnce() throws Exception {
        Purchase p = buy(standingId, 6);
        Accounts.Account otherDoor = Accounts.withRoles("door", "DOOR");
        int doors = 4;
        ExecutorService pool = Executors.newFixedThreadPool(doors);
        try {
            for (int t = 0; t < p.ticketIds().size(); t++) {
                // every door scans the same ticket at the same instant; half by the printed code, half by the phone's
                String printed = p.printedCodes().get(t);
                String phone = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                        .extract().path("[" + t + "].code");
                CyclicBarrier together = new CyclicBarrier(doors);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int d = 0; d < doors; d++) {
                    Accounts.Account who = d % 2 == 0 ? door : otherDoor;
                    String code = d % 2 == 0 ? printed : phone;
                    answers.add(pool.submit(() -> {
                        together.await();
                        Response r = scan(who, eventId, code);
                        if (r.statusCode() == 409) {
                            assertEquals("ALREADY_CHECKED_IN", r.path("code"));
                        }
                        return r.statusCode();
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> a : answers) {
                    statuses.add(a.get());
                }
                assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "ticket " + t + ": " + statuses);
                assertEquals(doors - 1, statuses.stream().filter(s -> s == 409).count(), "ticket " + t + ": " + statuses);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, checkIns(p.bookingId()));

        // the summary counts them among the event's sold places
        JsonPath summary = Bookings.as(door.token()).get("/events/{id}/check-ins/summary", eventId).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> standing = summary.getMap("byType.find { it.seatTypeId == '" + standingId + "' }");
        assertTrue(((Number) standing.get("checkedIn")).longValue() >= 6, summary.prettify());
        assertTrue(((Number) standing.get("sold")).longValue() >= ((Number) standing.get("checkedIn")).longValue(), summary.prettify());
        assertEquals(summary.getLong("byType.sum { it.sold }"), summary.getLong("sold"));
        assertEquals(summary.getLong("byType.sum { it.checkedIn }"), summary.getLong("checkedIn"));
    }

    @Test
    void theSummaryCountsSalesAndAdmissionsOfItsOwnEvent() throws Exception {
        Purchase p = buy(Bookings.createEvent(Events.minimal("Summary Night")).path("seatTypes[0].id"), 3);
        String event = Bookings.as(p.customer().token()).get("/bookings/{id}", p.bookingId()).then().extract().path("eventId");
        scan(door, event, p.printedCodes().get(1)).then().statusCode(200);
        Bookings.as(door.token()).get("/events/{id}/check-ins/summary", event).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("sold", equalTo(3)).body("checkedIn", equalTo(1))
                .body("byType[0].sold", equalTo(3)).body("byType[0].checkedIn", equalTo(1)).body("byType[0].name", equalTo("Standing"));
        Bookings.as(door.token()).get("/events/{id}/check-ins/summary", "00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aRefundedTicketIsRefused() throws Exception {
        Purchase p = buy(stallsId, 2);
        String phone = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .extract().path("[1].code");
        Bookings.as(p.customer().token()).post("/bookings/{id}/cancel", p.bookingId()).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        scan(door, eventId, p.printedCodes().get(0)).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("TICKET_VOID")).body("ticketId", equalTo(p.ticketIds().get(0)));
        scan(door, eventId, phone).then().statusCode(422).body("code", equalTo("TICKET_VOID"));
        assertEquals(0, checkIns(p.bookingId()));

        // the tickets of a refunded booking are listed as VOID, without any code to show, and have no QR image
        JsonPath tickets = Bookings.as(p.customer().token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("VOID", "VOID"), tickets.getList("status"));
        assertNull(tickets.get("[0].code"));
        assertNull(tickets.get("[0].codeExpiresAt"));
        Bookings.as(p.customer().token()).accept("image/png").get("/bookings/{id}/tickets/{t}/qr", p.bookingId(), p.ticketIds().get(0))
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("TICKET_VOID"));

        // the database itself refuses to admit it, whatever the code does
        SQLException refused = assertThrows(SQLException.class, () -> insertCheckIn(p.ticketIds().get(0), eventId, stallsId));
        assertTrue(refused.getMessage().contains("no paid booking"), refused.getMessage());
    }

    @Test
    void theDatabaseAdmitsATicketOnceAndOnlyAtItsOwnEvent() throws Exception {
        Purchase p = buy(standingId, 1);
        SQLException wrong = assertThrows(SQLException.class, () -> insertCheckIn(p.ticketIds().get(0), otherEventId, standingId));
        assertTrue(wrong.getMessage().contains("another event or seat type"), wrong.getMessage());
        insertCheckIn(p.ticketIds().get(0), eventId, standingId);
        SQLException twice = assertThrows(SQLException.class, () -> insertCheckIn(p.ticketIds().get(0), eventId, standingId));
        assertEquals("23505", twice.getSQLState(), twice.getMessage());
        scan(door, eventId, p.printedCodes().get(0)).then().statusCode(409).body("code", equalTo("ALREADY_CHECKED_IN"));
    }

    @Test
    void ticketsExistOnlyOncePaidAndOnlyForTheirOwner() {
        Accounts.Account fan = Accounts.newCustomer();
        String held = Bookings.as(fan.token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": 1}""".formatted(eventId, standingId))
                .post("/bookings").then().statusCode(201).extract().path("id");
        Bookings.as(fan.token()).get("/bookings/{id}/tickets", held).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("NOT_PAID"));
        Bookings.as(Accounts.newCustomer().token()).get("/bookings/{id}/tickets", held).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        Bookings.as(fan.token()).get("/bookings/{id}/tickets", "not-a-booking").then().statusCode(404);
        Bookings.as(fan.token()).post("/bookings/{id}/cancel", held).then().statusCode(200);
    }

    @Test
    void theDoorRoleChecksTicketsInAndDoesNothingElse() throws Exception {
        Purchase p = buy(standingId, 1);
        Bookings.as(door.token()).body(Events.minimal("Door's own event")).post("/events").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        Bookings.as(door.token()).body("{\"name\": \"Renamed\"}").patch("/events/{id}", eventId).then().statusCode(403);
        Bookings.as(door.token()).post("/events/{id}/cancel", eventId).then().statusCode(403);
        Bookings.as(door.token()).body("{\"enabled\": true, \"admitPerMinute\": 10, \"shoppingWindowSeconds\": 300}")
                .put("/events/{id}/waiting-room", eventId).then().statusCode(403);
        Bookings.as(door.token()).get("/bookings").then().statusCode(403);
        Bookings.as(door.token()).get("/bookings/{id}", p.bookingId()).then().statusCode(403);
        Bookings.as(door.token()).get("/bookings/{id}/tickets", p.bookingId()).then().statusCode(403);
        Bookings.as(door.token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": 1}""".formatted(eventId, standingId)).post("/bookings").then().statusCode(403);
        Bookings.as(door.token()).post("/bookings/{id}/cancel", p.bookingId()).then().statusCode(403);
        Bookings.as(door.token()).body("""
                {"email": "%s", "password": "a-long-password", "name": "X", "roles": ["ADMIN"]}""".formatted(Accounts.uniqueEmail("x")))
                .post("/admin/users").then().statusCode(403);
        Bookings.as(p.customer().token()).get("/bookings/{id}", p.bookingId()).then().statusCode(200).body("status", equalTo("PAID"));

        // customers and integrators may not check tickets in, nor see the door's summary
        scan(p.customer(), eventId, p.printedCodes().get(0)).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        api(Accounts.integratorToken()).get("/events/{id}/check-ins/summary", eventId).then().statusCode(403);
        api().body("{\"code\": \"" + p.printedCodes().get(0) + "\"}").post("/events/{id}/check-ins", eventId).then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        assertEquals(0, checkIns(p.bookingId()));

        // what the door may do: check in, and see the summary
        scan(door, eventId, p.printedCodes().get(0)).then().statusCode(200);
        Bookings.as(door.token()).get("/events/{id}/check-ins/summary", eventId).then().statusCode(200);
        // box office and administrators may check in too
        Purchase q = buy(standingId, 2);
        scan(new Accounts.Account(null, null, null, Accounts.adminToken()), eventId, q.printedCodes().get(0)).then().statusCode(200);
        scan(Accounts.withRoles("clerk", "BOX_OFFICE"), eventId, q.printedCodes().get(1)).then().statusCode(200);
    }

    @Test
    void openApiDocumentsTicketsAndCheckIns() {
        String doc = server().get("/openapi").then().statusCode(200).extract().asString();
        // paths are relative to the document's server, /api/v1
        for (String path : List.of("/bookings/{id}/tickets", "/bookings/{id}/tickets/{ticketId}/qr",
                "/events/{id}/check-ins", "/events/{id}/check-ins/summary", "ALREADY_CHECKED_IN", "TICKET_VOID", "NOT_PAID")) {
            assertTrue(doc.contains(path), "OpenAPI documents " + path);
        }
    }

    // ------------------------------------------------------------------------------------- helpers

    /** A new customer holds {@code quantity} places of a seat type and pays by card. */
    private static Purchase buy(String seatTypeId, int quantity) throws InterruptedException {
        Accounts.Account fan = Accounts.newCustomer();
        String event = seatTypeId.equals(stallsId) || seatTypeId.equals(standingId) ? eventId : eventOf(seatTypeId);
        String bookingId = Bookings.as(fan.token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": %d}""".formatted(event, seatTypeId, quantity))
                .post("/bookings").then().statusCode(201).extract().path("id");
        Response paid = Bookings.confirmRetrying(fan.token(), bookingId);
        assertEquals(200, paid.statusCode(), paid.asString());
        JsonPath body = paid.jsonPath();
        List<String> ids = body.getList("tickets.id");
        List<String> codes = body.getList("tickets.code");
        assertEquals(quantity, ids.size());
        // the tickets endpoint lists them in seat order: keep that order
        List<String> ordered = Bookings.as(fan.token()).get("/bookings/{id}/tickets", bookingId).then().statusCode(200).extract().path("id");
        List<String> orderedCodes = ordered.stream().map(id -> codes.get(ids.indexOf(id))).toList();
        return new Purchase(bookingId, fan, ordered, orderedCodes);
    }

    private static String eventOf(String seatTypeId) {
        try (Connection db = database(); PreparedStatement q = db.prepareStatement("select cast(event_id as text) from seat_type where id = cast(? as uuid)")) {
            q.setString(1, seatTypeId);
            ResultSet rs = q.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response scan(Accounts.Account who, String event, String code) {
        return Bookings.as(who.token()).body("{\"code\": \"" + code + "\"}").post("/events/{id}/check-ins", event);
    }

    private static long checkIns(String bookingId) throws SQLException {
        try (Connection db = database()) {
            return Bookings.count(db, "select count(*) from check_in c join booking_item i on i.id = c.ticket_id where i.booking_id = '"
                    + bookingId + "'");
        }
    }

    private static void insertCheckIn(String ticketId, String event, String seatType) throws SQLException {
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement("""
                insert into check_in (ticket_id, event_id, seat_type_id, checked_in_by, code_kind)
                select cast(? as uuid), cast(? as uuid), cast(? as uuid), id, 'PRINTED' from app_user limit 1""")) {
            insert.setString(1, ticketId);
            insert.setString(2, event);
            insert.setString(3, seatType);
            insert.executeUpdate();
        }
    }

    /** Reads a QR image back as a door scanner would. */
    private static String readQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a PNG image");
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
