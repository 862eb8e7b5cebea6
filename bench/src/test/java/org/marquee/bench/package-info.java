/**
 * The benchmark harness (Maven profile {@code bench} of this module; run with {@code mvn -B verify -Pbench}
 * from the repository root). {@link org.marquee.bench.LoadData} fills a fresh database through the real
 * API, the Gatling simulations here measure the real server, {@link org.marquee.bench.Summary} writes
 * {@code target/bench/summary.md} and {@code summary.json}.
 *
 * <p>A new scenario (search, on-sale booking, waiting-room surge) is one more {@code *Simulation} class in
 * this package: it builds its population with {@link org.marquee.bench.Bench#phases} so that it runs the
 * same {@link org.marquee.bench.LoadShape} as the baseline, and the summary quotes it against the baseline
 * without further change. Simulations carry no assertions: a benchmark reports figures, it never fails a
 * build by a timing. Everything stays on loopback (warm-up and Gatling's usage analytics are off).
 */
package org.marquee.bench;
