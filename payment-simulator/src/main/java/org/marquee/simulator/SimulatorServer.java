package org.marquee.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's HTTP face (the JDK's server, its own worker threads): the provider's API under
 * {@code /v1/} as {@link CardProcessor} answers it, after the faults that come before processing (DOWN,
 * latency, HANG); and the test controls under {@code /control}: {@code GET} (settings and counters),
 * {@code PUT} (change settings), {@code POST /control/reset}, {@code GET /control/payments} (the ledger).
 */
final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatorServer.class.getName());

    private final HttpServer server;
    private final ExecutorService workers;
    private final CardProcessor processor;
    private final Faults faults;
    private final Ledger ledger;
    private final WebhookSender webhooks;

    SimulatorServer(InetSocketAddress address, int threads, CardProcessor processor, Faults faults, Ledger ledger,
            WebhookSender webhooks) throws IOException {
        this.processor = processor;
        this.faults = faults;
        this.ledger = ledger;
        this.webhooks = webhooks;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "provider-" + n.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        this.server = HttpServer.create(address, 512);
        server.setExecutor(workers);
        server.createContext("/", exchange -> answer(exchange, this::route));
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private Answer route(HttpExchange exchange, String body) {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/control") || path.startsWith("/control/")) {
            return control(method, path, body);
        }
        if (!path.startsWith("/v1/")) {
            return Answer.error(404, "not_found", path);
        }
        faults.countRequest();
        FaultSettings s = faults.settings();
        if (s.down()) {
            return Answer.error(503, "unavailable", "the provider is down");
        }
        if (s.delayMs() > 0) {
            try {
                Thread.sleep(s.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.error(503, "unavailable", "the provider is stopping");
            }
        }
        if (path.equals("/v1/captures") && method.equals("POST")) {
            return processor.captureAll(body);
        }
        return processor.handle(method, path, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                query(exchange.getRequestURI().getRawQuery(), "idempotencyKey"), body);
    }

    private Answer control(String method, String path, String body) {
        if (path.equals("/control/payments") && method.equals("GET")) {
            List<Object> all = new ArrayList<>();
            ledger.charges().forEach(c -> all.add(c.json()));
            return Answer.json(200, all);
        }
        if (path.equals("/control/reset") && method.equals("POST")) {
            faults.reset();
        } else if (path.equals("/control") && method.equals("PUT")) {
            try {
                faults.change(JsonText.parseObject(body));
            } catch (IllegalArgumentException e) {
                return Answer.error(400, "bad_request", String.valueOf(e.getMessage()));
            }
        } else if (!(path.equals("/control") && method.equals("GET"))) {
            return Answer.error(404, "not_found", path);
        }
        Map<String, Object> state = new LinkedHashMap<>(faults.json());
        state.put("webhooksDelivered", webhooks.delivered());
        state.put("webhooksPending", webhooks.pending());
        return Answer.json(200, state);
    }

    private interface Route {
        Answer answer(HttpExchange exchange, String body);
    }

    private static void answer(HttpExchange exchange, Route route) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            try {
                answer = route.answer(exchange, body);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "call failed: " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
                answer = Answer.error(500, "processing_error", "the provider failed: " + e.getMessage());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "answer not delivered (the caller left)", e);
        }
    }

    /** One query parameter, decoded; null if absent. */
    static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
