package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * The cheapest request the server answers, {@code GET /health/live} (no liveness checks are registered:
 * Payara's health endpoint answers UP without touching the application or the database), under the same
 * load shape as every other scenario. On a shared, noisy machine the absolute figures move from run to
 * run; a scenario's figures divided by this baseline's, measured minutes apart, move much less.
 */
public class BaselineSimulation extends Simulation {

    public static final String SCENARIO = "baseline";

    {
        setUp(Bench.phases(SCENARIO, name -> exec(http(name).get("/health/live").check(status().is(200)))))
                .protocols(Bench.protocol())
                .maxDuration(Bench.maxDuration());
    }
}
