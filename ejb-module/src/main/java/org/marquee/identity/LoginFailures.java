package org.marquee.identity;

/**
 * The recent login failures of one account or address: how many, and when the last one was. Stored in
 * the {@code login-failures} cache as {@code "failures|lastFailureMillis"}, a plain string, so every node
 * reads it without a marshaller and compares it by value.
 */
record LoginFailures(int failures, long lastFailureMillis) {

    private static final char SEPARATOR = '|';

    String encode() {
        return Integer.toString(failures) + SEPARATOR + lastFailureMillis;
    }

    static LoginFailures decode(String value) {
        int at = value.indexOf(SEPARATOR);
        try {
            if (at <= 0) {
                throw new NumberFormatException("no separator");
            }
            return new LoginFailures(Integer.parseInt(value, 0, at, 10), Long.parseLong(value, at + 1, value.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a login-failures value (failures|lastFailureMillis): " + value, e);
        }
    }
}
