package org.marquee.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * Issues the API's access tokens: compact JWS, RS256, signed with the JDK alone (no JOSE library).
 * The API verifies them with Payara's MicroProfile JWT against the public half of the same key pair.
 * <p>
 * Configuration (MicroProfile Config: system properties, environment, META-INF/microprofile-config.properties):
 * <ul>
 * <li>{@code marquee.jwt.signing-key.location}: PKCS#8 PEM private key (a path or a file: URL).
 *     server-config/bin/marquee generates the pair into the domain's config/marquee-jwt/ and sets it.</li>
 * <li>{@code mp.jwt.verify.issuer}: the {@code iss} claim, the same value MP JWT requires.</li>
 * <li>{@code marquee.jwt.lifetime-seconds}: token lifetime, default 3600.</li>
 * </ul>
 * Claims: {@code iss}, {@code sub} (account id), {@code upn} (e-mail), {@code groups} (roles),
 * {@code iat}, {@code exp}, {@code jti} (random), {@code name}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TokenIssuer {

    static final String KEY_LOCATION = "marquee.jwt.signing-key.location";
    static final String LIFETIME = "marquee.jwt.lifetime-seconds";
    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private static final Logger LOG = Logger.getLogger(TokenIssuer.class.getName());
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64URL.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private volatile PrivateKey key;
    private volatile String issuer;
    private volatile long lifetimeSeconds;

    @PostConstruct
    void load() {
        Config config = ConfigProvider.getConfig();
        issuer = config.getOptionalValue(ISSUER, String.class).orElse("marquee");
        lifetimeSeconds = config.getOptionalValue(LIFETIME, Long.class).orElse(3600L);
        if (lifetimeSeconds < 1) {
            LOG.warning(() -> LIFETIME + " must be positive; using 3600");
            lifetimeSeconds = 3600;
        }
        Optional<String> location = config.getOptionalValue(KEY_LOCATION, String.class);
        if (location.isEmpty()) {
            LOG.severe(KEY_LOCATION + " is not set: no access token can be issued (server-config/bin/marquee sets it)");
            return;
        }
        try {
            key = readPrivateKey(location.get());
            LOG.info(() -> "JWT signing key loaded from " + location.get() + "; issuer " + issuer
                    + ", tokens live " + lifetimeSeconds + " s");
            config.getOptionalValue(PUBLIC_KEY_LOCATION, String.class).ifPresent(this::checkPair);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot read the JWT signing key at " + location.get() + ": " + e.getClass().getSimpleName()
                    + "; no access token can be issued");
        }
    }

    public IssuedToken issue(Account account) {
        PrivateKey signingKey = key;
        if (signingKey == null) {
            throw new MarqueeException(ProblemCode.UNAVAILABLE, "Token signing is not configured on this server");
        }
        Instant now = Instant.now();
        long iat = now.getEpochSecond();
        JsonArrayBuilder groups = Json.createArrayBuilder();
        account.roles().forEach(groups::add);
        String claims = Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", account.id().toString())
                .add("upn", account.email())
                .add("name", account.name())
                .add("groups", groups)
                .add("iat", iat)
                .add("exp", iat + lifetimeSeconds)
                .add("jti", UUID.randomUUID().toString())
                .build().toString();
        String signingInput = HEADER + "." + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new IssuedToken(signingInput + "." + B64URL.encodeToString(rs256.sign()), lifetimeSeconds);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** Warns at start-up when the verification key configured for MP JWT is not the signing key's other half. */
    private void checkPair(String publicLocation) {
        try {
            String pem = read(publicLocation);
            PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
            if (key instanceof RSAPrivateCrtKey priv && pub instanceof RSAPublicKey rsa
                    && !priv.getModulus().equals(rsa.getModulus())) {
                LOG.severe(() -> PUBLIC_KEY_LOCATION + " (" + publicLocation + ") does not belong to the signing key "
                        + "in " + KEY_LOCATION + ": every issued token will be refused");
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warning(() -> "Cannot read " + PUBLIC_KEY_LOCATION + " (" + publicLocation + ") to check it: "
                    + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey readPrivateKey(String location) throws IOException, GeneralSecurityException {
        String pem = read(location);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new GeneralSecurityException("PKCS#1 key: convert it with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    }

    private static String read(String location) throws IOException {
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return Files.readString(path, StandardCharsets.US_ASCII);
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }
}
