package org.certregistry.verifier.receipt;

import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.certregistry.verifier.check.SignatureCheck;
import org.certregistry.verifier.keys.KeyLookup;
import org.certregistry.verifier.keys.KeySource;

/**
 * Checks a bulk-verification receipt later: of the receipt's own header type ({@value BatchReceipt#TYP},
 * so that no credential passes for a receipt), signed by a key of the trusted registry, issued by it,
 * meant for receipt readers ({@code aud}) and not expired ({@code exp}). Answers what the receipt
 * says, or why it cannot be trusted, in words safe to print; never throws for a bad receipt.
 */
public final class BatchReceiptCheck {

    /** The outcome: a receipt to trust, or the reason not to. */
    public sealed interface Result {

        /** The receipt is the registry's, unchanged. */
        record Genuine(BatchReceipt receipt) implements Result {
        }

        /** The receipt cannot be trusted, and why. */
        record Refused(String reason) implements Result {
        }
    }

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private final KeySource keys;
    private final String registry;
    private final Clock clock;

    /**
     * @param keys the trusted registry's public keys
     * @param registry the trusted registry's base URL, the receipt's {@code iss}
     * @param clock what time it is, against the receipt's {@code exp}
     */
    public BatchReceiptCheck(KeySource keys, String registry, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result check(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token == null ? "" : token.strip());
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException ex) {
            return new Result.Refused("This is not a signed receipt (a compact JWT).");
        }
        JOSEObjectType typ = jwt.getHeader().getType();
        if (typ == null || !BatchReceipt.TYP.equals(typ.getType())) {
            return new Result.Refused("This is not a bulk-verification receipt: its header type is "
                    + (typ == null ? "missing" : BatchReceipt.cell(typ.getType())) + ", not " + BatchReceipt.TYP + ".");
        }
        KeyLookup lookup = keys.find(jwt.getHeader().getKeyID());
        if (!(lookup instanceof KeyLookup.Found found)) {
            return new Result.Refused(lookup instanceof KeyLookup.Unavailable u ? "The registry's keys could not be read: " + u.reason()
                    : "The receipt is signed with a key the registry does not publish ("
                            + BatchReceipt.cell(jwt.getHeader().getKeyID()) + ").");
        }
        if (!SignatureCheck.verifies(jwt, found.key(), PROVIDER)) {
            return new Result.Refused("The signature does not match: the receipt was altered or not signed by the registry.");
        }
        if (!BatchReceipt.TYPE.equals(claims.getClaim("type"))) {
            return new Result.Refused("This is not a bulk-verification receipt.");
        }
        if (!registry.equals(claims.getIssuer())) {
            return new Result.Refused("The receipt was issued by " + BatchReceipt.cell(claims.getIssuer()) + ", not by " + registry + ".");
        }
        String audience = BatchReceipt.audience(registry);
        if (claims.getAudience() == null || !claims.getAudience().equals(List.of(audience))) {
            return new Result.Refused("The receipt is not meant for receipt readers: its audience is "
                    + BatchReceipt.cell(String.valueOf(claims.getAudience())) + ", not " + audience + ".");
        }
        if (claims.getExpirationTime() == null) {
            return new Result.Refused("The receipt has no expiry.");
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (!clock.instant().isBefore(expires)) {
            return new Result.Refused("The receipt expired on " + expires + ".");
        }
        if (claims.getIssueTime() == null || !(claims.getClaim("rows") instanceof List<?> list)) {
            return new Result.Refused("The receipt lacks its time or its rows.");
        }
        List<BatchReceipt.Row> rows = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("row") instanceof Number row)) {
                return new Result.Refused("The receipt's rows are malformed.");
            }
            rows.add(new BatchReceipt.Row(row.intValue(), text(m.get("input")), text(m.get("number")), text(m.get("outcome")),
                    text(m.get("name"))));
        }
        return new Result.Genuine(new BatchReceipt(claims.getIssuer(), claims.getIssueTime().toInstant(), expires, rows));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
