package org.marquee.domain.payment;

/** How the fan paid: a card through the provider, or cash at the box office. */
public enum PaymentMethod {
    CARD, CASH
}
