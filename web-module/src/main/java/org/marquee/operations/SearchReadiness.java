package org.marquee.operations;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.marquee.search.SearchIndex;

/**
 * Ready only when this node's search index is present, not being rebuilt, and not behind the outbox by
 * more than a bound (entries and age of the oldest unapplied change; see docs/search.md).
 */
@Readiness
@ApplicationScoped
public class SearchReadiness implements HealthCheck {

    @EJB
    private SearchIndex index;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("search-index");
        try {
            SearchIndex.Status s = index.status();
            r.withData("state", s.state().name())
                    .withData("node", s.node())
                    .withData("directory", s.directory())
                    .withData("outboxPosition", s.position())
                    .withData("backlog", s.backlogCapped() ? s.backlog() + "+" : String.valueOf(s.backlog()))
                    .withData("lagSeconds", s.lagSeconds())
                    .withData("detail", s.detail())
                    .withData("indexBytes", index.indexBytes())
                    .withData("heapLiveBytes", SearchIndex.heapLiveBytes())
                    .withData("answersCached", index.answers().hits())
                    .withData("answersComputed", index.answers().misses());
            if (s.state() == SearchIndex.State.REBUILDING || s.rebuildTotal() > 0) {
                r.withData("rebuilt", s.rebuildDone() + " of " + s.rebuildTotal());
            }
            return s.ready() ? r.up().build() : r.down().build();
        } catch (Exception e) {
            return r.withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).down().build();
        }
    }
}
