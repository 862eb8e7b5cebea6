/**
 * A card processor simulator for local runs and tests, served over real HTTP at {@code /provider-sim}
 * by this application, so the payment client, its Fault Tolerance and the webhook endpoint are exercised
 * exactly as against a real provider. Registered only when {@code marquee.payment.simulator=true}
 * (MARQUEE_PAYMENT_SIMULATOR; {@code server-config/bin/marquee} turns it on for local and test domains):
 * otherwise the path does not exist.
 */
package org.marquee.simulator;
