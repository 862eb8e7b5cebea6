package org.marquee.it;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Makes and takes apart JWTs in tests, with the JDK alone, to hand the server tokens it must refuse. */
public final class Jwts {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String RS256_HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private Jwts() {
    }

    /** The claims of a token, unverified. */
    public static JsonPath claims(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    public static String payloadJson(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** The test domain's signing key (server-config/bin/marquee made it): tokens signed with it are genuine. */
    public static PrivateKey domainKey() throws Exception {
        String pem = Files.readString(Path.of(System.getProperty("marquee.jwt.private-key")));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** A key the server has never seen. */
    public static PrivateKey foreignKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPrivate();
    }

    public static String rs256(String claimsJson, PrivateKey key) throws GeneralSecurityException {
        String input = b64(RS256_HEADER) + "." + b64(claimsJson);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    /** The classic algorithm-confusion attack: HS256 keyed with bytes the attacker chooses. */
    public static String hs256(String claimsJson, byte[] secret) throws GeneralSecurityException {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An unsigned token ("alg": "none"). */
    public static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson) + ".";
    }

    /** The token with its claims replaced and its original signature kept. */
    public static String withClaims(String token, String claimsJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(claimsJson) + "." + parts[2];
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
