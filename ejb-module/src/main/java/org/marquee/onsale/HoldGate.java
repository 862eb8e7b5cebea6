package org.marquee.onsale;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.marquee.booking.BookingTransactions;
import org.marquee.booking.HoldRequest;
import org.marquee.cache.CacheContainer;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;

/**
 * What a hold attempt must pass before the booking context sees it, in this order:
 * <ol>
 * <li>the hold rate per account and per client address (429 RATE_LIMITED with {@code Retry-After});
 *     refused attempts count too;</li>
 * <li>for an event with an enabled waiting room, a valid admission token for this account and event
 *     (403 NOT_ADMITTED), checked from the token alone;</li>
 * <li>the room's cap on seats per account for the event across bookings, held or bought (422 LIMIT_EXCEEDED);
 *     with the live-hold cap of 1 a customer's holds are one at a time, so this read cannot be raced.</li>
 * </ol>
 * Staff (box office, administrators) sell on others' behalf and pass without these checks. The booking
 * context still applies the per-booking seat cap and the live-hold cap.
 *
 * <p>The rate counters live in each node's memory (a cluster-wide counter would cost a replicated write
 * per attempt); each node of a cluster of N allows a Nth of the rate, so behind a balancer that spreads
 * requests evenly the cluster as a whole allows about the rate. Settings:
 * {@code MARQUEE_HOLD_RATE_PER_ACCOUNT} [30 a minute], {@code MARQUEE_HOLD_RATE_PER_ADDRESS} [600 a minute],
 * 0 = off. The address is the TCP peer.
 */
@ApplicationScoped
public class HoldGate {

    public static final String ADMISSION_HEADER = "Marquee-Admission";
    private static final int MAX_KEYS = 200_000;

    @EJB
    private WaitingRooms rooms;

    @EJB
    private QueueTransactions transactions;

    @Inject
    private AdmissionTokens tokens;

    @EJB
    private CacheContainer cache;

    @Inject
    private OnSaleMetrics metrics;

    private RateLimiter accounts;
    private RateLimiter addresses;
    /** The cluster's size as last read, and when (read at most once a second, off the EJB container's path otherwise). */
    private volatile int nodes = 1;
    private volatile long nodesReadAt;

    @PostConstruct
    void init() {
        Config config = ConfigProvider.getConfig();
        accounts = new RateLimiter(config.getOptionalValue("marquee.hold.rate.per.account", Integer.class).orElse(30), MAX_KEYS);
        addresses = new RateLimiter(config.getOptionalValue("marquee.hold.rate.per.address", Integer.class).orElse(600), MAX_KEYS);
        metrics.registerLimit("rate_per_account", accounts.perMinute());
        metrics.registerLimit("rate_per_address", addresses.perMinute());
        metrics.registerLimit("live_holds_per_event", BookingTransactions.LIVE_HOLDS_PER_EVENT);
    }

    /** Creates the gate (and its gauges) when the application starts rather than at the first hold. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object start) {
        accounts.perMinute();
    }

    /**
     * @param request the parsed hold request; its ids may still be malformed (the booking context reports those)
     * @throws MarqueeException RATE_LIMITED, NOT_ADMITTED or LIMIT_EXCEEDED
     */
    public void check(Caller caller, String address, String admissionToken, HoldRequest request) {
        if (caller.isStaff()) {
            return;
        }
        long now = System.currentTimeMillis();
        int nodes = nodes(now);
        // the address first: its count includes the attempts of accounts that are themselves refused
        long wait = addresses.tryAcquire(address == null ? "" : address, now, nodes);
        if (wait > 0) {
            throw limited("address", "Too many hold attempts from this address", wait);
        }
        wait = accounts.tryAcquire(caller.id().toString(), now, nodes);
        if (wait > 0) {
            throw limited("account", "Too many hold attempts from this account", wait);
        }
        UUID eventId = parse(request == null ? null : request.eventId());
        Optional<Room> room = eventId == null ? Optional.empty() : rooms.protecting(eventId);
        if (room.isEmpty()) {
            return;
        }
        if (!tokens.valid(admissionToken, eventId, caller.id(), Instant.ofEpochMilli(now))) {
            metrics.refused("not_admitted");
            throw new MarqueeException(ProblemCode.NOT_ADMITTED, admissionToken == null
                    ? "This event's sale goes through its waiting room: join the queue and send the admission token in " + ADMISSION_HEADER
                    : "The admission token is not valid for this account and event, or its shopping window is over");
        }
        Integer max = room.get().maxSeatsPerAccount();
        if (max != null) {
            int wanted = request.seatIds() != null ? request.seatIds().size() : request.quantity() == null ? 0 : request.quantity();
            long have = transactions.seatsOf(caller.id(), eventId);
            if (have + wanted > max) {
                metrics.refused("seats_per_account");
                throw new MarqueeException(ProblemCode.LIMIT_EXCEEDED, "At most " + max + " seats per account for this event; you have " + have);
            }
        }
    }

    private int nodes(long now) {
        if (now - nodesReadAt > 1000) {
            nodes = Math.max(1, cache.clusterSize());
            nodesReadAt = now;
        }
        return nodes;
    }

    private MarqueeException limited(String scope, String detail, long waitMillis) {
        metrics.refused("rate_" + scope);
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return new MarqueeException(ProblemCode.RATE_LIMITED, detail + "; try again in " + seconds + " s",
                List.of(), Map.of(MarqueeException.RETRY_AFTER_SECONDS, seconds));
    }

    private static UUID parse(String id) {
        try {
            return id != null && id.length() == 36 ? UUID.fromString(id) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
