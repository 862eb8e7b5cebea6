package org.marquee.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.EnumSet;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.domain.identity.Role;

/**
 * Makes sure an administrator exists from the first start: the account named by
 * {@code MARQUEE_ADMIN_EMAIL} / {@code MARQUEE_ADMIN_PASSWORD} (MicroProfile Config properties
 * {@code marquee.admin.email} / {@code marquee.admin.password}; local defaults in
 * META-INF/microprofile-config.properties, see docs/operations.md) is created with role ADMIN if no account has that
 * e-mail address. An existing account is left as it is: changing the variables later neither resets
 * the password nor grants roles. Nodes starting together meet in the unique index; one creates it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @EJB
    private AccountService accounts;

    @PostConstruct
    void ensureAdministrator() {
        Config config = ConfigProvider.getConfig();
        String email = config.getOptionalValue("marquee.admin.email", String.class).orElse("").strip();
        String password = config.getOptionalValue("marquee.admin.password", String.class).orElse("");
        if (email.isEmpty() || password.isEmpty()) {
            LOG.warning("marquee.admin.email / marquee.admin.password (MARQUEE_ADMIN_EMAIL / MARQUEE_ADMIN_PASSWORD) "
                    + "are not set: no administrator is created");
            return;
        }
        try {
            if (accounts.createIfAbsent(email, password, "Administrator", EnumSet.of(Role.ADMIN))) {
                LOG.info(() -> "Created the administrator account " + email);
            }
        } catch (MarqueeException e) {
            if (e.code() == ProblemCode.EMAIL_TAKEN) {
                return;   // another node created it at the same moment
            }
            // e.g. a password shorter than 10 characters: say what is wrong, never the password
            LOG.severe(() -> "The administrator account " + email + " cannot be created: " + e.getMessage());
        }
    }
}
