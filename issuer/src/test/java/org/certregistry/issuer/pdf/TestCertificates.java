package org.certregistry.issuer.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.keys.KeyRing;
import org.certregistry.issuer.keys.SigningKey;
import org.certregistry.keys.dev.DevelopmentKeys;

/** Certificates to render in tests: signed with the development key, as the registry signs them. */
final class TestCertificates {

    static final SigningKey KEY = KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem());
    static final String NUMBER = "CCXP-7KD-M2Q-X9F";
    static final String VERIFICATION_URL = "https://registry.example.org/v/" + NUMBER;
    static final LocalDate VALID_FROM = LocalDate.of(2026, 3, 1);

    private TestCertificates() {
    }

    static JWKSet publishedKeys() {
        return KeyRing.of(KEY).publicKeys();
    }

    static String credential(String holderName) {
        Instant from = VALID_FROM.atStartOfDay(ZoneOffset.UTC).toInstant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer("https://registry.example.org/issuers/cxpa")
            .jwtID("https://registry.example.org/credentials/0b6d5f52-8d0e-4c57-9f3e-6a1d3c2b1a90")
            .subject("https://registry.example.org/holders/5f0c8b7e-2d41-4a8e-b7a2-3c9d1e6f4a21")
            .notBeforeTime(Date.from(from))
            .expirationTime(Date.from(from.atZone(ZoneOffset.UTC).plusYears(2).toInstant()))
            .claim("name", "Certified Customer Experience Professional (CCXP)")
            .claim("credentialSubject", java.util.Map.of("name", holderName, "licenseNumber", NUMBER))
            .build();
        return new CredentialSigner(KEY).sign(claims);
    }

    static CertificateDocument ccxp(String holderName) {
        return document("ccxp", holderName, "Certified Customer Experience Professional", "CCXP",
                "Customer Experience Professionals Association (CXPA)");
    }

    static CertificateDocument cxsp(String holderName) {
        return document("cxsp", holderName, "CX Standard Practitioner", "CXSP", "CX Standard");
    }

    private static CertificateDocument document(String template, String holderName, String program, String code, String body) {
        return new CertificateDocument(template, holderName, program, code, body, NUMBER, VALID_FROM, VALID_FROM,
                VALID_FROM.plusYears(2), VERIFICATION_URL, credential(holderName));
    }
}
