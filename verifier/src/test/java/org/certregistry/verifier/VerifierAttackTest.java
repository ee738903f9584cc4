package org.certregistry.verifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.keys.KeyLookup;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.support.TestCredentials;
import org.certregistry.verifier.support.TestKeys;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every class of attack we know of against a JWT verifier, each presented to the verifier:
 * none may come out VALID, none may throw, and each says why in a sentence.
 */
class VerifierAttackTest {

    static final ECKey ISSUER_KEY = TestKeys.ec("issuer-es256");
    static final RSAKey ISSUER_RSA = TestKeys.rsa("issuer-rs256");
    static final ECKey ATTACKER = TestKeys.ec("attacker");
    static final RSAKey ATTACKER_RSA = TestKeys.rsa("attacker-rs256");
    static final Clock NOW = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    static Verifier verifier() {
        return Verifier.builder()
            .trustedIssuers(Set.of(TestCredentials.ISSUER))
            .keys(JwksKeySource.of(TestKeys.publish(ISSUER_KEY, ISSUER_RSA)))
            .status((issuer, url, index) -> new StatusLookup.Clear(url))
            .registry((number, id, validFrom) -> new RegistryLookup.Current())
            .clock(NOW)
            .build();
    }

    static String genuine() {
        return TestCredentials.signedWith(ISSUER_KEY).jwt();
    }

    @Test
    void aGenuineES256CredentialIsValid() {
        VerificationReport report = verifier().verify(genuine());
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.VALID);
        assertThat(report.credential()).hasValueSatisfying(c -> assertThat(c.holderName()).isEqualTo("Zoë Ångström"));
    }

    @Test
    void aGenuineRS256CredentialIsValid() {
        VerificationReport report = verifier().verify(TestCredentials.signedWith(ISSUER_RSA).jwt());
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.VALID);
    }

    static Stream<Arguments> attacks() throws Exception {
        String genuine = genuine();
        String[] parts = genuine.split("\\.");
        Map<String, Object> claims = SignedJWT.parse(genuine).getJWTClaimsSet().toJSONObject();
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) claims.get("credentialSubject");
        subject.put("name", "Mallory");
        String tamperedPayload = Base64URL.encode(JWTClaimsSet.parse(claims).toString()).toString();

        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
            .keyID(ISSUER_KEY.getKeyID()).build(), SignedJWT.parse(genuine).getJWTClaimsSet());
        hs256.sign(new MACSigner(ISSUER_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));

        String nested = "[".repeat(5000) + "]".repeat(5000);

        return Stream.of(
            attack("a signature by another key under the issuer's kid",
                    TestCredentials.signedWith(ATTACKER).header(h -> h.keyID(ISSUER_KEY.getKeyID())).jwt(), Verdict.INVALID),
            attack("a tampered payload under the genuine signature", parts[0] + "." + tamperedPayload + "." + parts[2],
                    Verdict.INVALID),
            attack("a signature moved from another credential", parts[0] + "." + parts[1] + "."
                    + TestCredentials.signedWith(ISSUER_KEY).subject("name", "Other").jwt().split("\\.")[2], Verdict.INVALID),
            attack("alg none with no signature", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
                    Verdict.INVALID),
            attack("alg none with the genuine signature", b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"issuer-es256\"}")
                    + "." + parts[1] + "." + parts[2], Verdict.INVALID),
            attack("HS256 keyed with the issuer's public key", hs256.serialize(), Verdict.INVALID),
            attack("an unknown kid", TestCredentials.signedWith(ATTACKER).jwt(), Verdict.INVALID),
            attack("the attacker's key in a jwk header",
                    TestCredentials.signedWith(ATTACKER).header(h -> h.jwk(ATTACKER.toPublicJWK())).jwt(), Verdict.INVALID),
            attack("the attacker's key in a jwk header under the issuer's kid",
                    TestCredentials.signedWith(ATTACKER).header(h -> h.keyID(ISSUER_KEY.getKeyID()).jwk(ATTACKER.toPublicJWK()))
                        .jwt(), Verdict.INVALID),
            attack("a jku header pointing at the attacker's key set", TestCredentials.signedWith(ATTACKER)
                .header(h -> h.jwkURL(java.net.URI.create("https://attacker.example/jwks.json"))).jwt(), Verdict.INVALID),
            attack("an x5u header", TestCredentials.signedWith(ATTACKER)
                .header(h -> h.x509CertURL(java.net.URI.create("https://attacker.example/cert.pem"))).jwt(), Verdict.INVALID),
            attack("an x5c header", TestCredentials.signedWith(ATTACKER)
                .header(h -> h.x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode("not a certificate")))).jwt(),
                    Verdict.INVALID),
            attack("a crit header", TestCredentials.signedWith(ISSUER_KEY)
                .header(h -> h.criticalParams(Set.of("exp")).customParam("exp", 1)).jwt(), Verdict.INVALID),
            attack("typ vc+jwt instead of JWT", TestCredentials.signedWith(ISSUER_KEY)
                .header(h -> h.type(new JOSEObjectType("vc+jwt"))).jwt(), Verdict.INVALID),
            attack("no typ", TestCredentials.signedWith(ISSUER_KEY).header(h -> h.type(null)).jwt(), Verdict.INVALID),
            attack("no kid", TestCredentials.signedWith(ISSUER_KEY).header(h -> h.keyID(null)).jwt(), Verdict.INVALID),
            attack("an untrusted issuer signed with a trusted key", TestCredentials.signedWith(ISSUER_KEY)
                .claim("issuer", Map.of("id", "https://evil.example/issuers/cxpa", "name", "CXPA"))
                .claim("iss", "https://evil.example/issuers/cxpa").jwt(), Verdict.INVALID),
            attack("iss differing from issuer.id", TestCredentials.signedWith(ISSUER_KEY)
                .claim("iss", "https://evil.example/issuers/cxpa").jwt(), Verdict.INVALID),
            attack("an expired credential", TestCredentials.signedWith(ISSUER_KEY)
                .window(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")).jwt(), Verdict.EXPIRED),
            attack("a credential not valid yet", TestCredentials.signedWith(ISSUER_KEY)
                .window(Instant.parse("2027-06-01T00:00:00Z"), Instant.parse("2029-06-01T00:00:00Z")).jwt(),
                    Verdict.NOT_YET_VALID),
            attack("exp not mirroring validUntil", TestCredentials.signedWith(ISSUER_KEY).claim("exp", 4_000_000_000L).jwt(),
                    Verdict.INVALID),
            attack("an oversized token", genuine + "A".repeat(40_000), Verdict.INVALID),
            attack("binary junk", new String(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13}, StandardCharsets.ISO_8859_1),
                    Verdict.INVALID),
            attack("a truncated token", genuine.substring(0, genuine.length() / 2), Verdict.INVALID),
            attack("a token cut after the payload", parts[0] + "." + parts[1], Verdict.INVALID),
            attack("absurd JSON nesting in the payload", parts[0] + "." + b64("{\"a\":" + nested + "}") + "." + parts[2],
                    Verdict.INVALID),
            attack("absurd JSON nesting in the header", b64("{\"alg\":\"ES256\",\"x\":" + nested + "}") + "." + parts[1] + "."
                    + parts[2], Verdict.INVALID),
            attack("a payload that is not JSON", parts[0] + "." + b64("not json") + "." + parts[2], Verdict.INVALID),
            attack("an RS256 token against the EC key's kid", TestCredentials.signedWith(ATTACKER_RSA)
                .header(h -> h.keyID(ISSUER_KEY.getKeyID())).jwt(), Verdict.INVALID),
            attack("an ES256 token against the RSA key's kid", TestCredentials.signedWith(ATTACKER)
                .header(h -> h.keyID(ISSUER_RSA.getKeyID())).jwt(), Verdict.INVALID),
            attack("an all-zero ECDSA signature (CVE-2022-21449)", parts[0] + "." + parts[1] + "."
                    + Base64URL.encode(new byte[64]), Verdict.INVALID),
            attack("an ECDSA signature in DER form", parts[0] + "." + parts[1] + "."
                    + Base64URL.encode(new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}), Verdict.INVALID),
            attack("PS256, an algorithm we do not accept", b64("{\"alg\":\"PS256\",\"typ\":\"JWT\",\"kid\":\"issuer-rs256\"}")
                    + "." + parts[1] + "." + parts[2], Verdict.INVALID),
            attack("ES512, an algorithm we do not accept", b64("{\"alg\":\"ES512\",\"typ\":\"JWT\",\"kid\":\"issuer-es256\"}")
                    + "." + parts[1] + "." + parts[2], Verdict.INVALID),
            attack("a JWE-shaped token", b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "..AAAA.AAAA.AAAA", Verdict.INVALID),
            attack("an empty string", "", Verdict.INVALID),
            attack("a credential that is not a Certification", TestCredentials.signedWith(ISSUER_KEY)
                .claim("type", List.of("VerifiableCredential")).jwt(), Verdict.INVALID),
            attack("a status index outside any list", TestCredentials.signedWith(ISSUER_KEY)
                .status(TestCredentials.REGISTRY + "/status/1", 0).claim("credentialStatus", Map.of("type",
                        "BitstringStatusListEntry", "statusPurpose", "revocation", "statusListIndex", "99999999999",
                        "statusListCredential", TestCredentials.REGISTRY + "/status/1")).jwt(), Verdict.INVALID));
    }

    private static Arguments attack(String name, String token, Verdict expected) {
        return Arguments.of(Named.of(name, token), expected);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAttackIsNeverValidAndNeverThrows(String token, Verdict expected) {
        Verifier verifier = verifier();
        assertThatCode(() -> verifier.verify(token)).doesNotThrowAnyException();
        VerificationReport report = verifier.verify(token);
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(expected);
        assertThat(report.checks()).anySatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(c.message()).isNotBlank();
        });
        if (report.check(CheckName.SIGNATURE).map(c -> !c.passed()).orElse(true)) {
            // nothing an unauthenticated token says is ever shown as what the credential says
            assertThat(report.credential()).isEmpty();
        }
    }

    @Test
    void unreachableKeysGiveUndeterminedNotInvalidNorValid() {
        Verifier verifier = Verifier.builder().trustedIssuers(Set.of(TestCredentials.ISSUER))
            .keys(kid -> new KeyLookup.Unavailable("the key set could not be fetched"))
            .status((issuer, url, index) -> new StatusLookup.Clear(url)).clock(NOW).build();
        VerificationReport report = verifier.verify(genuine());
        assertThat(report.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(report.check(CheckName.KEY)).hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.UNAVAILABLE));
    }

    @Test
    void aForgeryIsInvalidEvenWhenTheStatusSourcesAreDown() {
        Verifier verifier = Verifier.builder().trustedIssuers(Set.of(TestCredentials.ISSUER))
            .keys(JwksKeySource.of(TestKeys.publish(ISSUER_KEY)))
            .status((issuer, url, index) -> new StatusLookup.Unavailable("down"))
            .registry((n, id, from) -> new RegistryLookup.Unavailable("down")).clock(NOW).build();
        String forged = TestCredentials.signedWith(ATTACKER).header(h -> h.keyID(ISSUER_KEY.getKeyID())).jwt();
        assertThat(verifier.verify(forged).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(genuine()).verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void revocationSuspensionAndRenewalEachHaveTheirOwnVerdict() {
        Verifier.Builder base = Verifier.builder().trustedIssuers(Set.of(TestCredentials.ISSUER))
            .keys(JwksKeySource.of(TestKeys.publish(ISSUER_KEY))).clock(NOW)
            .status((issuer, url, index) -> new StatusLookup.Clear(url));
        assertThat(base.status((i, u, x) -> new StatusLookup.Set(u)).registry((n, id, f) -> new RegistryLookup.Current()).build()
            .verify(genuine()).verdict()).isEqualTo(Verdict.REVOKED);
        base.status((i, u, x) -> new StatusLookup.Clear(u));
        assertThat(base.registry((n, id, f) -> new RegistryLookup.Suspended(null)).build().verify(genuine()).verdict())
            .isEqualTo(Verdict.SUSPENDED);
        assertThat(base.registry((n, id, f) -> new RegistryLookup.Superseded("https://registry.example/v/x")).build()
            .verify(genuine()).verdict()).isEqualTo(Verdict.SUPERSEDED);
        assertThat(base.status((i, u, x) -> new StatusLookup.Invalid("forged list")).build().verify(genuine()).verdict())
            .isEqualTo(Verdict.INVALID);
    }

    @Test
    void aRepeatedCredentialIsNotVerifiedTwice() {
        java.util.Set<String> remembered = new java.util.HashSet<>();
        int[] lookups = {0};
        SignatureCache cache = new SignatureCache() {
            @Override
            public boolean verifiedBefore(String key) {
                lookups[0]++;
                return remembered.contains(key);
            }

            @Override
            public void remember(String key) {
                remembered.add(key);
            }
        };
        Verifier verifier = Verifier.builder().trustedIssuers(Set.of(TestCredentials.ISSUER))
            .keys(JwksKeySource.of(TestKeys.publish(ISSUER_KEY))).signatureCache(cache)
            .status((issuer, url, index) -> new StatusLookup.Clear(url)).clock(NOW).build();
        String token = genuine();
        assertThat(verifier.verify(token).verdict()).isEqualTo(Verdict.VALID);
        assertThat(remembered).hasSize(1);
        assertThat(verifier.verify(token).verdict()).isEqualTo(Verdict.VALID);
        assertThat(remembered).hasSize(1);
        // a forgery is never remembered, so it is checked (and refused) every time
        String forged = TestCredentials.signedWith(ATTACKER).header(h -> h.keyID(ISSUER_KEY.getKeyID())).jwt();
        assertThat(verifier.verify(forged).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(remembered).hasSize(1);
    }
}
