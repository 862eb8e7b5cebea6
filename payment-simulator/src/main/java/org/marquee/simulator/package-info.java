/**
 * The payment provider simulator: a card processor played by a process of its own for local runs, tests
 * and benchmarks. {@link org.marquee.simulator.CardProcessor} is the processor's behaviour,
 * {@link org.marquee.simulator.PostgresLedger} its durable record, {@link org.marquee.simulator.WebhookSender}
 * its webhook delivery, {@link org.marquee.simulator.SimulatorServer} its HTTP face with the test controls.
 */
package org.marquee.simulator;
