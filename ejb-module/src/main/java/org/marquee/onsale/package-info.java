/**
 * The on-sale surge: per-event waiting rooms that admit buyers at a set rate, the signed
 * admission tokens that protected events' holds must carry, and the limits that keep anyone from
 * hoarding seats (hold rate per account and per address, seats per account per event).
 *
 * <p>{@link org.marquee.onsale.HoldGate} is what the hold path calls first; {@link org.marquee.onsale.WaitingRooms}
 * is the service the API and the console call; {@link org.marquee.onsale.SeatStream} feeds the live seat map.
 */
package org.marquee.onsale;
