package org.marquee.operations;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.marquee.cache.CacheContainer;

/**
 * Which node answers and which nodes it shares its caches with (the Infinispan cluster view). Always UP:
 * a node alone is a valid cluster of one, and PostgreSQL, not the cache, decides every sale.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    @EJB
    private CacheContainer caches;

    @Inject
    private Config config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster")
                .withData("node", config.getOptionalValue("marquee.node", String.class).orElse("local"))
                .withData("cluster", caches.clusterName())
                .withData("members", String.join(",", caches.members()))
                .up().build();
    }
}
