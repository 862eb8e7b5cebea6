package org.marquee.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The simulator's settings, from its environment (server-config/bin/marquee sets them):
 * <ul>
 * <li>{@code MARQUEE_PAYMENT_SIMULATOR_BIND} [127.0.0.1], {@code MARQUEE_PAYMENT_SIMULATOR_PORT} [8090]: where it listens;</li>
 * <li>{@code MARQUEE_PAYMENT_SIMULATOR_THREADS} [64]: its HTTP workers (a HANG holds one per call);</li>
 * <li>{@code MARQUEE_PAYMENT_SIMULATOR_DB_URL} [jdbc:postgresql://127.0.0.1:5432/marquee_provider],
 *     {@code _DB_USER} [marquee], {@code _DB_PASSWORD} [marquee], {@code _DB_POOL} [10]: its own ledger database;</li>
 * <li>{@code MARQUEE_PAYMENT_SIMULATOR_WEBHOOK_URL} [http://127.0.0.1:8080/api/v1/payments/webhook]: Marquee's webhook endpoint;</li>
 * <li>{@code MARQUEE_PAYMENT_WEBHOOK_SECRET}, or else the file {@code MARQUEE_PAYMENT_WEBHOOK_SECRET_FILE}: the shared secret.</li>
 * </ul>
 */
record SimulatorConfig(String bind, int port, int threads, String dbUrl, String dbUser, String dbPassword, int dbPool,
        URI webhookUrl, byte[] webhookSecret) {

    static SimulatorConfig from(Map<String, String> env) {
        return new SimulatorConfig(
                get(env, "MARQUEE_PAYMENT_SIMULATOR_BIND", "127.0.0.1"),
                Integer.parseInt(get(env, "MARQUEE_PAYMENT_SIMULATOR_PORT", "8090")),
                Integer.parseInt(get(env, "MARQUEE_PAYMENT_SIMULATOR_THREADS", "64")),
                get(env, "MARQUEE_PAYMENT_SIMULATOR_DB_URL", "jdbc:postgresql://127.0.0.1:5432/marquee_provider"),
                get(env, "MARQUEE_PAYMENT_SIMULATOR_DB_USER", "marquee"),
                get(env, "MARQUEE_PAYMENT_SIMULATOR_DB_PASSWORD", "marquee"),
                Integer.parseInt(get(env, "MARQUEE_PAYMENT_SIMULATOR_DB_POOL", "10")),
                URI.create(get(env, "MARQUEE_PAYMENT_SIMULATOR_WEBHOOK_URL", "http://127.0.0.1:8080/api/v1/payments/webhook")),
                secret(env));
    }

    private static byte[] secret(Map<String, String> env) {
        String secret = env.get("MARQUEE_PAYMENT_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            String file = env.get("MARQUEE_PAYMENT_WEBHOOK_SECRET_FILE");
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("no webhook secret: set MARQUEE_PAYMENT_WEBHOOK_SECRET or MARQUEE_PAYMENT_WEBHOOK_SECRET_FILE");
            }
            try {
                secret = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the webhook secret " + file, e);
            }
        }
        return secret.trim().getBytes(StandardCharsets.UTF_8);
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
