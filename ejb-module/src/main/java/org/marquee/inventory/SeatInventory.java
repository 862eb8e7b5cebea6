package org.marquee.inventory;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Creates the sellable rows of a seat type: one {@code seat} row per numbered seat or general-admission
 * place. Each seat type is one set-based INSERT ... SELECT in PostgreSQL (rows expanded with
 * generate_series), so a stadium of 80,000 seats costs a handful of statements, not 80,000 round trips.
 * The counter rows that answer "how many are left" are filled by the database trigger on seat.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SeatInventory {

    /** Counter shards per seat type: enough that concurrent holds rarely meet on one counter row. */
    public static final int COUNTER_SHARDS = 16;

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    /** A row of numbered seats, {@code 1..seats}, in display order. */
    public record SeatRow(String section, String row, int seats) {
    }

    /** Numbered seats, labelled {@code SECTION-ROW-NUMBER}, positioned row after row in the given order. */
    public int createNumbered(UUID eventId, UUID seatTypeId, List<SeatRow> rows) {
        JsonArrayBuilder spec = Json.createArrayBuilder();
        int base = 0;
        for (SeatRow r : rows) {
            spec.add(Json.createObjectBuilder().add("section", r.section()).add("row_label", r.row())
                    .add("seats", r.seats()).add("base", base));
            base += r.seats();
        }
        return em.createNativeQuery("""
                insert into seat (id, event_id, seat_type_id, section, row_label, number, label, position, counter_shard)
                select gen_random_uuid(), cast(?1 as uuid), cast(?2 as uuid), r.section, r.row_label, n,
                       r.section || '-' || r.row_label || '-' || n, r.base + n - 1, (r.base + n - 1) % ?4
                  from jsonb_to_recordset(cast(?3 as jsonb)) as r(section text, row_label text, seats int, base int)
                 cross join lateral generate_series(1, r.seats) as n""")
                .setParameter(1, eventId.toString())
                .setParameter(2, seatTypeId.toString())
                .setParameter(3, spec.build().toString())
                .setParameter(4, COUNTER_SHARDS)
                .executeUpdate();
    }

    /** General-admission places {@code 1..quantity}: counted, not numbered for the fan. */
    public int createGeneralAdmission(UUID eventId, UUID seatTypeId, int quantity) {
        return em.createNativeQuery("""
                insert into seat (id, event_id, seat_type_id, label, position, counter_shard)
                select gen_random_uuid(), cast(?1 as uuid), cast(?2 as uuid), 'GA-' || n, n - 1, (n - 1) % ?4
                  from generate_series(1, ?3) as n""")
                .setParameter(1, eventId.toString())
                .setParameter(2, seatTypeId.toString())
                .setParameter(3, quantity)
                .setParameter(4, COUNTER_SHARDS)
                .executeUpdate();
    }
}
