package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * Fans viewing events: {@code GET /api/v1/events/{id}} over every loaded event, with a hot-key skew
 * (Zipf, exponent {@code bench.zipf}): most requests fall on a few headline events, the stadium first.
 */
public class EventViewSimulation extends Simulation {

    public static final String SCENARIO = "event view";

    {
        HotKeys events = new HotKeys("eventId", Bench.eventIds(), Double.parseDouble(System.getProperty("bench.zipf", "1.2")));
        setUp(Bench.phases(SCENARIO, name -> feed(events)
                        .exec(http(name).get("/api/v1/events/#{eventId}").check(status().is(200)))))
                .protocols(Bench.protocol())
                .maxDuration(Bench.maxDuration());
    }
}
