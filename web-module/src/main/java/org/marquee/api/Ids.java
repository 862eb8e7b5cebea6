package org.marquee.api;

import java.util.UUID;
import org.marquee.error.MarqueeException;

/** Path ids: anything that is not a UUID names nothing, so it is 404 like an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String value, String what) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw MarqueeException.notFound(what, value);
    }
}
