package org.certregistry.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.credential.Achievement;
import org.certregistry.issuer.credential.CredentialContent;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.credential.DataIntegritySigner;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.OpenBadgeClaims;
import org.certregistry.issuer.credential.StatusEntry;
import org.certregistry.issuer.keys.Ed25519Key;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.keys.Providers;
import org.certregistry.issuer.keys.SigningKey;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.verifier.SignatureCache;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.status.StatusLookup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ES256 signing and verification of a real credential (about 2.8 KB as a JWT): our code
 * ({@code CredentialSigner}: claims built + signed; {@code Verifier}: every check) beside raw
 * nimbus on the same key and the same claims, with the JDK's provider and with BouncyCastle.
 * See docs/benchmarks.md for the numbers and the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    private static final Instant CREATED = Instant.parse("2026-03-01T00:00:00Z");

    private CredentialContent content;
    private CredentialSigner ours;
    private JWTClaimsSet claims;
    private JWSHeader header;
    private ECDSASigner nimbusJdkSigner;
    private ECDSASigner nimbusBcSigner;
    private String token;
    private ECDSAVerifier nimbusJdkVerifier;
    private ECDSAVerifier nimbusBcVerifier;
    private Verifier verifier;
    private Verifier cachingVerifier;
    private DataIntegritySigner twins;

    @Setup
    public void setUp() throws Exception {
        SigningKey key = KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem());
        ECKey ec = (ECKey) key.privateJwk();
        String base = "https://registry.example";
        content = new CredentialContent(base + "/credentials/5b0c1f0e-8f7a-4b8e-9d7a-0c3c7c1e2f11",
                new IssuerProfile(base + "/issuers/cxpa", "Customer Experience Professionals Association (CXPA)"),
                new Achievement(base + "/achievements/ccxp", "Certified Customer Experience Professional (CCXP)",
                        "The CCXP designation recognises customer experience professionals who have demonstrated knowledge "
                                + "and experience across the six CX competencies defined by the CXPA.",
                        "Passed the CCXP examination after meeting the CXPA's education and experience requirements."),
                base + "/holders/0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9", "Zoë Ångström", "zoe@example.org", "9f86d081884c7d65",
                "CCXP-7QK-2MP-X4D", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2028-03-01T00:00:00Z"), new StatusEntry(base + "/status/1", 4242));
        ours = new CredentialSigner(key);
        twins = new DataIntegritySigner(Ed25519Key.fromPem(DevelopmentKeys.ED25519_KEY_ID, DevelopmentKeys.ed25519PrivateKeyPem()));
        claims = OpenBadgeClaims.of(content);
        header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.keyId()).build();
        nimbusJdkSigner = new ECDSASigner(ec);
        nimbusBcSigner = new ECDSASigner(ec);
        nimbusBcSigner.getJCAContext().setProvider(Providers.bouncyCastle());
        token = ours.sign(content);
        nimbusJdkVerifier = new ECDSAVerifier(ec.toPublicJWK());
        nimbusBcVerifier = new ECDSAVerifier(ec.toPublicJWK());
        nimbusBcVerifier.getJCAContext().setProvider(Providers.bouncyCastle());
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        Verifier.Builder builder = Verifier.builder().trustedIssuers(Set.of(base + "/issuers/cxpa"))
            .keys(JwksKeySource.of(new JWKSet(key.publicJwk())))
            .status((issuer, url, index) -> new StatusLookup.Clear(url))
            .registry((number, id, from) -> new RegistryLookup.Current())
            .clock(clock);
        verifier = builder.build();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        cachingVerifier = builder.signatureCache(new SignatureCache() {
            @Override
            public boolean verifiedBefore(String k) {
                return seen.contains(k);
            }

            @Override
            public void remember(String k) {
                seen.add(k);
            }
        }).build();
        if (verifier.verify(token).verdict() != Verdict.VALID || !nimbusJdk() || !nimbusBc()) {
            throw new IllegalStateException("the benchmark's credential does not verify");
        }
    }

    @Benchmark
    public String signOurs() {
        return ours.sign(content);
    }

    /** The Data Integrity twin each issuance signs beside the JWT (eddsa-rdfc-2022: JSON-LD, RDF canonicalization). */
    @Benchmark
    public String signDataIntegrityTwin() {
        return twins.sign(content, CREATED);
    }

    @Benchmark
    public String signNimbusJdk() throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(nimbusJdkSigner);
        return jwt.serialize();
    }

    @Benchmark
    public String signNimbusBouncyCastle() throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(nimbusBcSigner);
        return jwt.serialize();
    }

    @Benchmark
    public VerificationReport verifyOurs() {
        return verifier.verify(token);
    }

    @Benchmark
    public VerificationReport verifyOursRepeatCached() {
        return cachingVerifier.verify(token);
    }

    @Benchmark
    public boolean verifyNimbusJdk() throws Exception {
        return nimbusJdk();
    }

    @Benchmark
    public boolean verifyNimbusBouncyCastle() throws Exception {
        return nimbusBc();
    }

    private boolean nimbusJdk() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        jwt.getJWTClaimsSet();
        return jwt.verify(nimbusJdkVerifier);
    }

    private boolean nimbusBc() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        jwt.getJWTClaimsSet();
        return jwt.verify(nimbusBcVerifier);
    }
}
