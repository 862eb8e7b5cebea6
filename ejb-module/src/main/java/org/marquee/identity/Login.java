package org.marquee.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.error.Validation;

/**
 * Exchanges an e-mail address and password for an access token, through {@link LoginThrottle}. The
 * answer to a wrong password, an unknown address and a disabled account is the same 401.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Login {

    @EJB
    private AccountService accounts;

    @EJB
    private TokenIssuer tokens;

    @Inject
    private LoginThrottle throttle;

    /**
     * @param address the client's network address, for throttling
     * @throws MarqueeException VALIDATION_FAILED (missing fields), RATE_LIMITED, UNAUTHENTICATED
     */
    public IssuedToken token(String email, String password, String address) {
        return tokens.issue(verify(email, password, address));
    }

    /**
     * The account behind this e-mail address and password, through the same throttle as {@link #token}:
     * the console's form login uses it, so both doors count the same failures.
     *
     * @throws MarqueeException VALIDATION_FAILED (missing fields), RATE_LIMITED, UNAUTHENTICATED
     */
    public Account verify(String email, String password, String address) {
        Validation v = new Validation();
        v.required(email, "email");
        v.required(password, "password");
        v.throwIfInvalid();
        String key = AccountRules.key(email);
        String from = address == null ? "unknown" : address;
        throttle.acquire(key, from);
        Optional<Account> account = accounts.verify(email, password);
        if (account.isEmpty()) {
            throw new MarqueeException(ProblemCode.UNAUTHENTICATED, "The e-mail address or the password is wrong");
        }
        throttle.succeeded(key, from);
        return account.get();
    }
}
