package org.certregistry.web.wallet;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Issuance to wallets ({@code registry.wallet.*}).
 *
 * @param offerLifetime how long an offer (its pre-authorized code and transaction code) may be redeemed, once
 * @param tokenLifetime how long an access token from a redeemed offer works at the credential endpoint
 * @param nonceLifetime how long a {@code c_nonce} may be used, once, in a key proof
 * @param proofMaxAge how old a key proof's {@code iat} may be
 * @param clockSkew how far in the future a key proof's {@code iat} may be (the wallet's clock may run ahead)
 * @param txCodeLength digits of the transaction code mailed to the holder
 * @param maxTxCodeAttempts wrong transaction codes after which an offer is dead (a six-digit code must not be guessed)
 */
@ConfigurationProperties("registry.wallet")
public record WalletProperties(@DefaultValue("10m") Duration offerLifetime, @DefaultValue("5m") Duration tokenLifetime,
        @DefaultValue("5m") Duration nonceLifetime, @DefaultValue("5m") Duration proofMaxAge,
        @DefaultValue("60s") Duration clockSkew, @DefaultValue("6") int txCodeLength,
        @DefaultValue("5") int maxTxCodeAttempts) {

    public WalletProperties {
        if (txCodeLength < 6 || txCodeLength > 12) {
            throw new IllegalArgumentException("registry.wallet.tx-code-length must be 6 to 12 digits, not " + txCodeLength);
        }
        if (maxTxCodeAttempts < 1) {
            throw new IllegalArgumentException("registry.wallet.max-tx-code-attempts must be at least 1, not " + maxTxCodeAttempts);
        }
        for (Duration d : new Duration[] { offerLifetime, tokenLifetime, nonceLifetime, proofMaxAge }) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("registry.wallet lifetimes must be positive, not " + d);
            }
        }
    }
}
