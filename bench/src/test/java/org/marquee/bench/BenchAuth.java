package org.marquee.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token the benchmark writes with, if the server wants one. In this order: a token given as
 * {@code -Dmarquee.bench.token} or {@code MARQUEE_BENCH_TOKEN}; else one obtained from
 * {@code POST /api/v1/auth/token} with the administrator's credentials ({@code marquee.admin.email} /
 * {@code MARQUEE_ADMIN_EMAIL}, {@code marquee.admin.password} / {@code MARQUEE_ADMIN_PASSWORD}); none if
 * the server has no token endpoint (404: a server without identity, where writes are open).
 */
public final class BenchAuth {

    static final String DEFAULT_ADMIN_EMAIL = "admin@marquee.local";
    static final String DEFAULT_ADMIN_PASSWORD = "marquee-admin";

    private BenchAuth() {
    }

    public static Optional<String> bearerToken(HttpClient client, URI base) throws IOException, InterruptedException {
        String given = setting("marquee.bench.token", "MARQUEE_BENCH_TOKEN", null);
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        ObjectMapper json = new ObjectMapper();
        String credentials = json.writeValueAsString(Map.of(
                "email", setting("marquee.admin.email", "MARQUEE_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL),
                "password", setting("marquee.admin.password", "MARQUEE_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/v1/auth/token answered " + response.statusCode() + ": " + response.body()
                    + " (set MARQUEE_ADMIN_EMAIL/MARQUEE_ADMIN_PASSWORD to the server's administrator, or MARQUEE_BENCH_TOKEN)");
        }
        return Optional.of(json.readTree(response.body()).path("accessToken").asText());
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            value = System.getenv(variable);
        }
        return value == null || value.isEmpty() ? fallback : value;
    }
}
