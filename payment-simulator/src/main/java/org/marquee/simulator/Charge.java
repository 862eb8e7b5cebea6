package org.marquee.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One payment in the simulator's ledger: authorised with {@code authorisationKey}, known to Marquee by
 * {@code reference}; its state is authorised, captured, voided or refunded.
 */
record Charge(String reference, String authorisationKey, String amount, String currency, String state) {

    Charge withState(String newState) {
        return new Charge(reference, authorisationKey, amount, currency, newState);
    }

    /** The shape of the provider's answers, of its webhooks' data and of the ledger listing. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", reference);
        json.put("idempotencyKey", authorisationKey);
        json.put("state", state);
        json.put("amount", amount);
        json.put("currency", currency);
        return json;
    }
}
