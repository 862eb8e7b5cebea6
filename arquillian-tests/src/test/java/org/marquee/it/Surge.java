package org.marquee.it;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Helpers of the on-sale surge tests: events with a given sale start, waiting rooms, queue polls, raw requests, SSE clients. */
final class Surge {

    private Surge() {
    }

    static final String THEATRE = """
            [{"name": "Stalls", "price": "40.00", "currency": "EUR", "reservedSeating": true,
              "sections": [{"name": "S", "rows": [{"label": "A", "seats": 6}, {"label": "B", "seats": 6}]}]},
             {"name": "Standing", "price": "15.00", "currency": "EUR", "reservedSeating": false, "quantity": 50}]""";

    /** An event of {@link #THEATRE} whose sale opens {@code saleOpensIn} from now (negative: open already), with extra top-level fields. */
    static Response event(Duration saleOpensIn, String extraFields) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"name": "Surge", "code": "%s", "category": "CONCERT",
                 "venue": {"name": "Lakeside Arena", "city": "Geneva", "country": "CH"},
                 "startAt": "%s", "saleStartAt": "%s", "saleEndAt": "%s", %s
                 "seatTypes": %s}""".formatted(Events.uniqueCode("SU"), now.plus(30, ChronoUnit.DAYS), now.plus(saleOpensIn),
                now.plus(29, ChronoUnit.DAYS), extraFields == null ? "" : extraFields + ",", THEATRE);
        return Bookings.createEvent(body);
    }

    static Response room(String eventId, String settings) {
        return MarqueeIT.asAdmin().body(settings).put("/events/{id}/waiting-room", eventId);
    }

    static Response join(Accounts.Account who, String eventId) {
        return MarqueeIT.api(who.token()).post("/events/{id}/queue", eventId);
    }

    static JsonPath ticket(String ticket) {
        return MarqueeIT.api().get("/queue/{t}", ticket).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the ticket until the condition holds (at most {@code seconds}). */
    static JsonPath until(String ticket, Predicate<JsonPath> condition, int seconds) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        JsonPath t;
        do {
            t = ticket(ticket);
            if (condition.test(t)) {
                return t;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        throw new AssertionError("ticket " + ticket + " never got there; last: " + t.prettify());
    }

    static JsonPath admitted(String ticket, int seconds) throws InterruptedException {
        return until(ticket, t -> "ADMITTED".equals(t.getString("status")), seconds);
    }

    static Response hold(Accounts.Account who, String admission, String body) {
        var request = MarqueeIT.api(who.token()).body(body);
        if (admission != null) {
            request = request.header("Marquee-Admission", admission);
        }
        return request.post("/bookings");
    }

    static String quantity(String eventId, String seatTypeId, int quantity) {
        return "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + seatTypeId + "\", \"quantity\": " + quantity + "}";
    }

    static String seats(String eventId, String... seatIds) {
        return "{\"eventId\": \"" + eventId + "\", \"seatIds\": [\"" + String.join("\", \"", seatIds) + "\"]}";
    }

    /** One server-sent event as received: its name, id and data (null when absent); a comment line is name ":". */
    record Sse(String event, String id, String data) {
    }

    /** An open text/event-stream connection whose events are read on a thread of their own into a queue. */
    static final class SseClient implements AutoCloseable {
        final int status;
        final String contentType;
        private final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        private final List<Sse> backlog = new ArrayList<>();
        private final HttpResponse<java.io.InputStream> response;
        private final Thread reader;

        SseClient(String path, String lastEventId) throws IOException, InterruptedException {
            this(MarqueeIT.baseUrl(), path, lastEventId);
        }

        SseClient(String node, String path, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + "/api/v1" + path))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            // the headers must arrive before any seat changes: the timeout above covers only them
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            reader = new Thread(this::read, "sse " + path);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String id = null;
                StringBuilder data = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (event != null || data != null) {
                            events.add(new Sse(event == null ? "message" : event, id, data == null ? null : data.toString()));
                        }
                        event = null;
                        id = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        events.add(new Sse(":", null, line.substring(1).strip()));
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data = data == null ? new StringBuilder() : data.append('\n');
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        /**
         * The first event matching the condition within {@code seconds}. Events that do not match are kept for
         * later calls, since one batch of changes may arrive in any order.
         */
        Sse next(Predicate<Sse> condition, int seconds) throws InterruptedException {
            for (java.util.Iterator<Sse> it = backlog.iterator(); it.hasNext(); ) {
                Sse e = it.next();
                if (condition.test(e)) {
                    it.remove();
                    return e;
                }
            }
            long end = System.currentTimeMillis() + seconds * 1000L;
            while (System.currentTimeMillis() < end) {
                Sse e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e != null && condition.test(e)) {
                    return e;
                }
                if (e != null) {
                    backlog.add(e);
                }
            }
            throw new AssertionError("no matching event within " + seconds + " s; seen " + backlog);
        }

        @Override
        public void close() {
            reader.interrupt();
            try {
                response.body().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
