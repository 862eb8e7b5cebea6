package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.marquee.it.SeatAudit;

/**
 * After the surge, with the server stopped: the sold-seat audit over the whole database (the booking
 * tests' queries, {@link SeatAudit}: every line must be 0), the surge event's places and bookings by status,
 * and what the buyers were told against what the database holds: places sold must equal the places of
 * the PAID bookings, never exceed the event, and never be fewer than the places of the confirms answered
 * 200 (a purchase acknowledged but not recorded would be lost). Writes {@code surge-db.json}.
 */
public final class SurgeAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SurgeAudit() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("marquee.bench.out", "target/bench"));
        if (!Files.exists(out.resolve(Surge.FILE))) {
            System.out.println("[bench] surge: no " + Surge.FILE + ", nothing to audit");
            return;
        }
        JsonNode load = Surge.read(out);
        JsonNode app = Files.exists(out.resolve(Surge.APP_FILE)) ? JSON.readTree(out.resolve(Surge.APP_FILE).toFile()) : null;
        String eventId = load.path("eventId").asText();
        Class.forName("org.postgresql.Driver"); // exec:java's class loader is not the one DriverManager scans
        Map<String, Object> report = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(System.getProperty("marquee.bench.db.url"),
                System.getProperty("marquee.bench.db.user"), System.getProperty("marquee.bench.db.password"))) {
            report.put("audit", SeatAudit.audit(db));
            report.put("places", byStatus(db, "select status, count(*) from seat where event_id = cast(? as uuid) group by status order by status", eventId));
            report.put("bookings", byStatus(db, "select status, count(*) from booking where event_id = cast(? as uuid) group by status order by status", eventId));
            long sold = count(db, "select count(*) from seat where event_id = cast(? as uuid) and status = 'SOLD'", eventId);
            long paidPlaces = count(db, """
                    select count(*) from booking_item i join booking b on b.id = i.booking_id
                     where b.event_id = cast(? as uuid) and b.status = 'PAID'""", eventId);
            long told = app == null ? 0 : app.path("soldPlaces").asLong();
            Map<String, Long> oversold = new LinkedHashMap<>();
            oversold.put("places sold beyond the event's places", Math.max(0, sold - load.path("places").asLong()));
            oversold.put("places sold not matching the paid bookings' places", Math.abs(sold - paidPlaces));
            oversold.put("places confirmed to buyers (200 PAID) but not sold", Math.max(0, told - sold));
            report.put("oversold", oversold);
            report.put("soldPlaces", sold);
            report.put("placesConfirmedToBuyers", told);
            report.put("queueTickets", count(db, "select count(*) from queue_ticket where event_id = cast(? as uuid)", eventId));
            report.put("queueTicketsWithoutPlace", count(db, "select count(*) from queue_ticket where event_id = cast(? as uuid) and number is null", eventId));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(Surge.DB_FILE).toFile(), report);
        System.out.println("[bench] surge database: " + report);
    }

    private static Map<String, Long> byStatus(Connection db, String sql, String eventId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, eventId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long count(Connection db, String sql, String eventId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, eventId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
