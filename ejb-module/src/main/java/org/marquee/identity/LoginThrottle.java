package org.marquee.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.infinispan.Cache;
import org.marquee.cache.CacheContainer;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * Slows down password guessing, per account and per client address, and then refuses with 429
 * RATE_LIMITED and {@code Retry-After}, without ever locking the owner out for good.
 * <p>
 * Every login attempt counts as a failure until it succeeds. Per account (the e-mail address, whether
 * or not it is registered): 5 attempts are free, then each further attempt must wait 1 s, 2 s, 4 s, …
 * after the previous failure, at most 15 minutes; a successful login clears the account's count; the
 * count is forgotten an hour after the last failure. Per address: the same with 30 free attempts, and a
 * success does not clear it (one good account must not unlock guessing at others from that address).
 * A refused attempt is not counted and checks no password.
 * <p>
 * The counters live in the replicated cache {@code login-failures}, so every node of a cluster counts the
 * same failures: a guesser spreading attempts over the nodes behind a balancer gets the allowance once,
 * not once per node. Each node keeps at most 100,000 keys (the least recently used leave first; a
 * dropped key only forgets failures), and an entry lives an hour after its last write. A node that has
 * just joined starts from its peers' counts. The address is the client's address as the API sees it
 * (the TCP peer, or the trusted balancer's X-Forwarded-For).
 * <p>
 * Settings (MicroProfile Config): {@code marquee.login.throttle.account-free-failures} [5],
 * {@code marquee.login.throttle.address-free-failures} [30], {@code marquee.login.throttle.max-delay-seconds}
 * [900, at most 3600: the cache forgets a key an hour after its last failure]; a negative allowance switches
 * that counter off.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    private static final long BASE_DELAY_MILLIS = 1000;
    /** The {@code login-failures} cache's lifespan (marquee-infinispan.xml). */
    private static final long FORGET_MILLIS = 3600_000;

    @EJB
    private CacheContainer caches;

    private FailureCounter accounts;
    private FailureCounter addresses;

    @PostConstruct
    void init() {
        Config config = ConfigProvider.getConfig();
        int accountFree = config.getOptionalValue("marquee.login.throttle.account-free-failures", Integer.class).orElse(5);
        int addressFree = config.getOptionalValue("marquee.login.throttle.address-free-failures", Integer.class).orElse(30);
        long maxDelay = 1000L * config.getOptionalValue("marquee.login.throttle.max-delay-seconds", Long.class).orElse(900L);
        if (maxDelay > FORGET_MILLIS) {
            LOG.warning(() -> "marquee.login.throttle.max-delay-seconds is above 3600; 3600 applies");
            maxDelay = FORGET_MILLIS;
        }
        Cache<String, String> failures = caches.cache(CacheContainer.LOGIN_FAILURES);
        accounts = new FailureCounter(failures, "account:", accountFree, BASE_DELAY_MILLIS, maxDelay, FORGET_MILLIS);
        addresses = new FailureCounter(failures, "address:", addressFree, BASE_DELAY_MILLIS, maxDelay, FORGET_MILLIS);
    }

    /**
     * Lets one login attempt through (counting it as a failure until {@link #succeeded}) or refuses it.
     *
     * @throws MarqueeException RATE_LIMITED, with {@code retryAfterSeconds}, when the account or the address must wait
     */
    public void acquire(String accountKey, String address) {
        long now = System.currentTimeMillis();
        long wait = addresses.tryAcquire(address, now);
        if (wait > 0) {
            LOG.fine(() -> "login attempts from an address are throttled for " + wait + " ms");
            throw refused(wait);
        }
        long accountWait = accounts.tryAcquire(accountKey, now);
        if (accountWait > 0) {
            addresses.forgive(address);   // refused before any password was checked: not a failure
            throw refused(accountWait);
        }
    }

    /** The attempt let through by {@link #acquire} succeeded. */
    public void succeeded(String accountKey, String address) {
        accounts.reset(accountKey);
        addresses.forgive(address);
    }

    private static MarqueeException refused(long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return new MarqueeException(ProblemCode.RATE_LIMITED,
                "Too many failed login attempts; try again in " + seconds + " s",
                List.of(), Map.of(MarqueeException.RETRY_AFTER_SECONDS, seconds));
    }
}
