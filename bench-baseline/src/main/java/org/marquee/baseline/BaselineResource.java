package org.marquee.baseline;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The least a server can do per request on these paths: what Marquee's view and hold are measured against.
 * The view is a record of an event view's size and shape, serialised by JSON-B on every request (no cache);
 * the hold is one autocommitted {@code UPDATE ... WHERE status = 'AVAILABLE'} of a random seat of the
 * benchmark's database, through Marquee's own connection pool.
 */
@Path("/")
@ApplicationScoped   // one instance, so that the container injects the data source
public class BaselineResource {

    public record Venue(UUID id, String name, String city, String country) {
    }

    public record SeatType(UUID id, String name, String price, String currency, boolean reservedSeating, int total, int available,
                           int held, int sold) {
    }

    public record View(UUID id, String code, String name, String category, String status, Venue venue, List<String> performers,
                       String startAt, String saleStartAt, String saleEndAt, int holdTtlSeconds, int maxSeatsPerBooking,
                       List<SeatType> seatTypes) {
    }

    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID VENUE = UUID.randomUUID();
    private static final UUID TYPE = UUID.randomUUID();

    @Resource(lookup = "jdbc/marquee")
    private DataSource database;

    @GET
    @Path("view")
    @Produces(MediaType.APPLICATION_JSON)
    public View view() {
        return new View(EVENT, "BASELINE-NIGHT-0001", "Baseline Night", "CONCERT", "ON_SALE",
                new Venue(VENUE, "Blue Hall", "Paris", "FR"), List.of(), "2027-06-01T19:00:00Z", "2026-01-01T00:00:00Z",
                "2027-06-01T18:00:00Z", 600, 8, List.of(new SeatType(TYPE, "Floor", "45.00", "EUR", false, 300, 300, 0, 0)));
    }

    /** Holds one random available seat of the bench's seat table, if the random pick is free: 200 held, 409 not. */
    @POST
    @Path("hold")
    @Produces(MediaType.APPLICATION_JSON)
    public Response hold() throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement update = db.prepareStatement(
                     "update bench_seat set status = 'H' where id = ? and status = 'A'")) {
            update.setInt(1, ThreadLocalRandom.current().nextInt(1, 1_000_001));
            int held = update.executeUpdate();
            return Response.status(held == 1 ? 200 : 409).entity("{\"held\":" + held + "}").build();
        }
    }
}
