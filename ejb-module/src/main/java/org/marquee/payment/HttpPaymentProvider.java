package org.marquee.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The card processor over HTTP (JSON, {@code Idempotency-Key} on every call), at
 * {@code marquee.payment.provider.url}; locally and in tests that is the payment simulator process
 * ({@code payment-simulator}, started by server-config/bin/marquee). 2xx is an answer, 402 a decline, 404
 * an unknown payment; a 5xx, 408, 429, a broken connection or one not made within 2 s is
 * {@link ProviderUnavailableException} (retried with the same key). Each call is bounded by the
 * request timeout ({@code marquee.payment.provider.timeout-ms}, 3 s, for an authorisation; capture, void,
 * refund and status {@code marquee.payment.provider.settle-timeout-ms}, 10 s): an answer not there by then is
 * {@link ProviderTimeoutException}. The JDK client times out on the caller's thread, with no managed
 * executor in between.
 */
@ApplicationScoped
public class HttpPaymentProvider implements PaymentProvider {

    /** Looked up once: {@code Json.create...} finds and instantiates the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private volatile boolean batchCaptures = true;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Inject
    private PaymentSettings settings;

    @Inject
    private PaymentMetrics metrics;

    @Override
    public String name() {
        return settings.providerName();
    }

    @Override
    public ProviderResult authorise(String idempotencyKey, BigDecimal amount, String currency, String paymentToken) {
        return post("authorise", "/v1/authorisations", idempotencyKey,
                money(amount, currency).add("token", paymentToken));
    }

    @Override
    public ProviderResult capture(String idempotencyKey, String reference, BigDecimal amount, String currency) {
        return post("capture", "/v1/payments/" + path(reference) + "/capture", idempotencyKey, money(amount, currency));
    }

    /**
     * One {@code POST /v1/captures} for the lot (the settlers' batches): one request and one answer instead of
     * one per payment. A provider that has no such call (404 or 405) is asked one capture at a time from then on.
     */
    @Override
    public List<CaptureAnswer> captureAll(List<CaptureCall> calls) {
        if (!batchCaptures || calls.size() < 2) {
            return PaymentProvider.super.captureAll(calls);
        }
        JsonArrayBuilder captures = JSON.createArrayBuilder();
        for (CaptureCall c : calls) {
            captures.add(money(c.amount(), c.currency()).add("idempotencyKey", c.idempotencyKey()).add("reference", c.reference()));
        }
        HttpResponse<String> response = exchange("capture", HttpRequest.newBuilder(uri("/v1/captures"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectBuilder().add("captures", captures).build().toString())));
        if (response.statusCode() == 404 || response.statusCode() == 405) {
            batchCaptures = false;
            return PaymentProvider.super.captureAll(calls);
        }
        JsonObject answer = json(response.body());
        JsonValue results = answer.get("results");
        if (response.statusCode() != 200 || !(results instanceof JsonArray list) || list.size() != calls.size()) {
            metrics.call("capture", "error");
            throw new ProviderUnavailableException("provider answered a batch of " + calls.size() + " captures with " + response.statusCode());
        }
        List<CaptureAnswer> answers = new ArrayList<>(calls.size());
        for (JsonValue item : list) {
            JsonObject result = item instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            JsonValue body = result.get("body");
            try {
                answers.add(CaptureAnswer.of(result("capture", result.getInt("status", 500),
                        body instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT)));
            } catch (ProviderUnavailableException e) {
                answers.add(CaptureAnswer.failed(e));
            }
        }
        return answers;
    }

    @Override
    public ProviderResult voidAuthorisation(String idempotencyKey, String reference) {
        return post("void", "/v1/payments/" + path(reference) + "/void", idempotencyKey, JSON.createObjectBuilder());
    }

    @Override
    public ProviderResult refund(String idempotencyKey, String reference, BigDecimal amount, String currency) {
        return post("refund", "/v1/payments/" + path(reference) + "/refund", idempotencyKey, money(amount, currency));
    }

    @Override
    public ProviderResult status(String authorisationKey) {
        return send("status", HttpRequest.newBuilder(uri("/v1/authorisations?idempotencyKey=" + path(authorisationKey))).GET());
    }

    private ProviderResult post(String operation, String path, String idempotencyKey, JsonObjectBuilder body) {
        return send(operation, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    private ProviderResult send(String operation, HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(operation, request);
        return result(operation, response.statusCode(), json(response.body()));
    }

    private HttpResponse<String> exchange(String operation, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = client.send(request.timeout(Duration.ofMillis(timeoutMs(operation)))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            metrics.call(operation, "error");
            throw new ProviderUnavailableException("provider unreachable: " + e, e);
        } catch (HttpTimeoutException e) {
            metrics.call(operation, "error");
            throw new ProviderTimeoutException("no answer from the provider within " + timeoutMs(operation) + " ms", e);
        } catch (IOException e) {
            metrics.call(operation, "error");
            throw new ProviderUnavailableException("provider unreachable: " + e, e);
        } catch (InterruptedException e) {
            // the flag is not restored: the payment's bookkeeping on this thread must still be written
            metrics.call(operation, "error");
            throw new ProviderUnavailableException("interrupted while waiting for the provider", e);
        }
        return response;
    }

    /** What an answer of the provider means: 2xx a result, 402 a decline, 404 nothing there; 5xx, 408 and 429 no answer. */
    private ProviderResult result(String operation, int status, JsonObject json) {
        if (status >= 500 || status == 408 || status == 429) {
            metrics.call(operation, "error");
            throw new ProviderUnavailableException("provider answered " + status);
        }
        if (status == 404) {
            metrics.call(operation, "not_found");
            return ProviderResult.notFound();
        }
        if (status >= 200 && status < 300 && json.containsKey("reference")) {
            metrics.call(operation, "ok");
            return ProviderResult.ok(json.getString("reference"), json.getString("state", null));
        }
        metrics.call(operation, "declined");
        return ProviderResult.declined(json.getString("code", "provider_refused_" + status), json.getString("message", null));
    }

    private long timeoutMs(String operation) {
        return operation.equals("authorise") ? settings.providerTimeoutMs() : settings.settleTimeoutMs();
    }

    private URI uri(String path) {
        String base = settings.providerUrl();
        if (base.isEmpty()) {
            throw new ProviderUnavailableException("no payment provider configured (marquee.payment.provider.url)");
        }
        return URI.create(base + path);
    }

    private static JsonObjectBuilder money(BigDecimal amount, String currency) {
        return JSON.createObjectBuilder().add("amount", amount.toPlainString()).add("currency", currency);
    }

    private static String path(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
