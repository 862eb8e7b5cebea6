package org.marquee.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer of the simulator: status and JSON body. Answers below 500 are kept per idempotency key. */
record Answer(int status, String body) {

    static Answer json(int status, Object value) {
        return new Answer(status, JsonText.write(value));
    }

    /** The provider's error shape: {@code {code, message}}. */
    static Answer error(int status, String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        return json(status, json);
    }

    boolean kept() {
        return status < 500;
    }
}
