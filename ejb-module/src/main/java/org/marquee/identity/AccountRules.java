package org.marquee.identity;

import java.util.Locale;
import java.util.regex.Pattern;
import org.marquee.error.Validation;

/** What a valid account looks like; the same messages for the API and (later) the console. */
final class AccountRules {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 200;
    /** local@domain, no spaces or control characters; deliverability is not our business. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");

    private AccountRules() {
    }

    /** The form e-mail addresses are compared in (the database's unique index is on lower(email)). */
    static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static void email(String email, Validation v) {
        if (v.required(email, "email")) {
            String e = email.strip();
            if (v.check(e.length() <= MAX_EMAIL, "email", "must be at most " + MAX_EMAIL + " characters")) {
                v.check(EMAIL.matcher(e).matches(), "email", "must be an e-mail address");
            }
        }
    }

    static void password(String password, Validation v) {
        if (v.required(password, "password")) {
            v.check(password.length() >= Passwords.MIN_LENGTH, "password",
                    "must be at least " + Passwords.MIN_LENGTH + " characters");
            v.check(password.length() <= Passwords.MAX_LENGTH, "password",
                    "must be at most " + Passwords.MAX_LENGTH + " characters");
        }
    }

    static void name(String name, Validation v) {
        v.text(name, "name", MAX_NAME);
    }
}
