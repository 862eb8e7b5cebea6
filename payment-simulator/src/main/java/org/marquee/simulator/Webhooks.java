package org.marquee.simulator;

import java.util.List;

/** Where the card processor hands the webhooks it has recorded, for delivery after its answer is durable. */
interface Webhooks {

    void announce(List<WebhookEvent> events, FaultSettings settings);
}
