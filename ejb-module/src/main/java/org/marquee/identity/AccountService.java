package org.marquee.identity;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.error.Validation;
import org.marquee.domain.identity.AppUser;
import org.marquee.domain.identity.Role;

/**
 * Accounts: self-registration of customers, creation of any account by an administrator, look-ups
 * fenced by {@link Ownership}, and password checks for login. Roles are only ever set here from a
 * trusted source (the administrator's request, or CUSTOMER for self-registration).
 */
@Stateless
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private Passwords passwords;

    /** A fan signs up: always and only CUSTOMER. */
    public Account register(String email, String password, String name) {
        Validation v = new Validation();
        AccountRules.email(email, v);
        AccountRules.password(password, v);
        AccountRules.name(name, v);
        v.throwIfInvalid();
        return Account.of(insert(email, password, name, EnumSet.of(Role.CUSTOMER)));
    }

    /** An administrator creates an account with the given roles (e.g. an integrator's system, box-office staff). */
    public Account create(String email, String password, String name, List<String> roles) {
        Validation v = new Validation();
        AccountRules.email(email, v);
        AccountRules.password(password, v);
        AccountRules.name(name, v);
        Set<Role> parsed = roles(roles, v);
        v.throwIfInvalid();
        Account created = Account.of(insert(email, password, name, parsed));
        LOG.info(() -> "Account " + created.id() + " created with roles " + created.roles());
        return created;
    }

    /** The account, if the caller may see it (its owner, or staff); otherwise 404 as if it did not exist. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Account find(Caller caller, UUID id) {
        Ownership.check(caller, id, "Account", id);
        AppUser user = em.find(AppUser.class, id);
        if (user == null) {
            throw MarqueeException.notFound("Account", id);
        }
        return Account.of(user);
    }

    /**
     * The account with this e-mail address and password, if both match and the account is enabled.
     * Costs one password verification whatever the outcome, so the answer time does not tell whether the
     * address is registered. Runs outside any transaction: the hash takes a while and needs no connection.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Account> verify(String email, String password) {
        Optional<AppUser> user = byEmail(email);
        if (user.isEmpty() || !user.get().isEnabled()) {
            passwords.verifyNothing(password);
            return Optional.empty();
        }
        return passwords.verify(password, user.get().getPasswordHash()) ? user.map(Account::of) : Optional.empty();
    }

    /**
     * Creates the account unless one with this e-mail address exists (any roles, any password: an
     * existing account is never changed). Used for the bootstrap administrator.
     *
     * @return true if it was created
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean createIfAbsent(String email, String password, String name, Set<Role> roles) {
        if (byEmail(email).isPresent()) {
            return false;
        }
        Validation v = new Validation();
        AccountRules.email(email, v);
        AccountRules.password(password, v);
        AccountRules.name(name, v);
        v.throwIfInvalid();
        insert(email, password, name, roles);
        return true;
    }

    private Optional<AppUser> byEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select u from AppUser u where lower(u.email) = :email", AppUser.class)
                .setParameter("email", AccountRules.key(email)).setMaxResults(1)
                .getResultStream().findFirst();
    }

    private AppUser insert(String email, String password, String name, Set<Role> roles) {
        String hash = passwords.hash(password);   // before touching the database: no connection held meanwhile
        if (byEmail(email).isPresent()) {
            throw emailTaken();
        }
        AppUser user = new AppUser(email.strip(), name.strip(), hash, roles);
        em.persist(user);
        try {
            em.flush();   // a concurrent registration of the same address meets the unique index here
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw emailTaken();
            }
            throw e;
        }
        return user;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static MarqueeException emailTaken() {
        return new MarqueeException(ProblemCode.EMAIL_TAKEN, "An account with this e-mail address already exists");
    }

    private static Set<Role> roles(List<String> names, Validation v) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null || names.isEmpty()) {
            v.fail("roles", "must name at least one of " + List.of(Role.values()));
            return roles;
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            Optional<Role> role = Arrays.stream(Role.values()).filter(r -> r.name().equals(n)).findFirst();
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                v.fail("roles[" + i + "]", "must be one of " + List.of(Role.values()));
            }
        }
        return roles;
    }
}
