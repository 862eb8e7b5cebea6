package org.marquee.it;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published contract (GET /openapi) as integrators get it: what a client generator needs of it, and two
 * outside linters (Spectral's spectral:oas and Redocly's recommended rules, installed by the build into
 * target/lint) with nothing to report. The document the build generated the typed client from
 * (ClientJourneyIT) must be this one.
 */
class OpenApiContractIT extends MarqueeIT {

    private static final Path OUT = Path.of(System.getProperty("marquee.openapi.dir", "target/openapi"));

    private static String live;
    private static JsonPath doc;

    @BeforeAll
    static void fetch() throws IOException {
        live = server().accept("application/json").get("/openapi").then().statusCode(200).extract().asString();
        doc = JsonPath.from(live);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("live.json"), live);
    }

    @Test
    void everyOperationHasAUniqueIdASummaryAndADescription() {
        Set<String> ids = new HashSet<>();
        forEachOperation((where, operation) -> {
            String id = (String) operation.get("operationId");
            assertNotNull(id, where + " has an operationId");
            assertTrue(ids.add(id), where + ": operationId " + id + " is unique");
            assertTrue(operation.get("summary") instanceof String s && !s.isBlank(), where + " has a summary");
            assertTrue(operation.get("description") instanceof String s && !s.isBlank(), where + " has a description");
            assertNotNull(operation.get("security"), where + " says what security it needs ([{}] for none)");
        });
        assertTrue(ids.containsAll(List.of("createEvent", "getEvent", "searchEvents", "holdSeats", "confirmBooking",
                "cancelBooking", "listBookings", "getBooking", "createToken", "registerCustomer", "createUser")), "named operations: " + ids);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorIsAProblemAndNothingIsAnyMediaType() {
        forEachOperation((where, operation) -> {
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertNotNull(content, where + " " + status + " has content");
                    assertEquals(Set.of("application/problem+json"), content.keySet(), where + " " + status);
                    assertEquals("#/components/schemas/Problem",
                            ((Map<String, Object>) ((Map<String, Object>) content.get("application/problem+json")).get("schema")).get("$ref"),
                            where + " " + status + " is a Problem");
                }
            });
        });
        assertFalse(live.contains("\"*/*\""), "no */* media type");
        assertFalse(doc.getMap("$").containsKey("endpoints"), "no Payara endpoints member");
        assertEquals("/api/v1", doc.getString("servers[0].url"));
        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
    }

    @Test
    void yamlIsServedAsApplicationYaml() {
        String yaml = server().accept("application/yaml").get("/openapi").then().statusCode(200)
                .contentType(startsWith("application/yaml")).extract().asString();
        assertTrue(yaml.contains("operationId: holdSeats"), "YAML: " + yaml.substring(0, Math.min(200, yaml.length())));
        server().get("/openapi?format=yaml").then().statusCode(200).contentType(startsWith("application/yaml"));
        server().accept("application/json").get("/openapi").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void theTypedClientWasGeneratedFromThisDocument() throws IOException {
        Path built = OUT.resolve("marquee.json");
        assertTrue(Files.exists(built), "the build saved the document it generated the client from: " + built);
        assertEquals(JsonPath.from(Files.readString(built)).getMap("$"), doc.getMap("$"),
                "the document the client was generated from is the live one");
    }

    @Test
    void spectralFindsNothing() throws Exception {
        String report = lint("spectral", "lint", "--ruleset", contract("spectral.yaml"), "--format", "json", "--quiet",
                OUT.resolve("live.json").toString());
        List<Object> problems = JsonPath.from(report.isBlank() ? "[]" : report).getList("$");
        assertEquals(List.of(), problems, "Spectral (spectral:oas): " + report);
    }

    @Test
    void redoclyFindsNothing() throws Exception {
        String report = lint("redocly", "lint", "--config", contract("redocly.yaml"), "--format", "json",
                OUT.resolve("live.json").toString());
        JsonPath totals = JsonPath.from(report);
        assertEquals(0, totals.getInt("totals.errors"), "Redocly errors: " + report);
        assertEquals(0, totals.getInt("totals.warnings"), "Redocly warnings: " + report);
    }

    private static String contract(String file) {
        return Path.of(System.getProperty("marquee.contract.dir", "src/test/contract"), file).toString();
    }

    /** Runs a linter of target/lint, offline: no update checks, no telemetry. Its standard output is the report. */
    private static String lint(String tool, String... arguments) throws Exception {
        Path lintDir = Path.of(System.getProperty("marquee.lint.dir", "target/lint"));
        List<String> command = new ArrayList<>();
        command.add(lintDir.resolve("node_modules/.bin/" + tool).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), tool + " finished");
        Files.writeString(OUT.resolve(tool + "-report.json"), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void forEachOperation(java.util.function.BiConsumer<String, Map<String, Object>> check) {
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                check.accept(method.toUpperCase() + " " + path, (Map<String, Object>) operation);
            }
        }));
    }
}
